"""A technician's work, and the query reading every list page shares. The backlog is in
backlog.py, the review and approval queues in queues.py."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.module_loading import import_string

from wrench.workorders.models import WorkOrder
from wrench.workorders.status import Status
from wrench.workorders.views.common import buttons_for, user_of

NOT_FILTERS = ("cursor",)


def filter_query(get: QueryDict) -> dict[str, str]:
    """The query as the filter reads it: repeated keys (checkboxes) joined by commas."""
    query: dict[str, str] = {}
    for key, values in get.lists():
        joined = ",".join(v.strip() for v in values if v.strip())
        if joined and key not in NOT_FILTERS:
            query[key] = joined
    return query


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    return my_work_page(request)


def my_work_page(
    request: HttpRequest,
    *,
    errors: dict[str, str] | None = None,
    typed: dict[str, str] | None = None,
) -> HttpResponse:
    """My work: each card with its moves and time entry; `errors` by work order number."""
    user = user_of(request)
    jobs = (
        WorkOrder.objects.visible_to(user)
        .with_coding()
        .filter(assigned_to=user, status__in=(Status.RS, Status.SC, Status.IP))
        .order_by("status", "-priority", "requested_at", "id")[:100]
    )
    cards = [(wo, buttons_for(wo, user)) for wo in jobs]
    context = {
        "cards": cards,
        "view": "job",
        "time_errors": errors or {},
        "time_typed": typed or {},
        "notice": request.GET.get("done", ""),
        "sections": _sections(request, user),
    }
    return render(request, "workorders/my_work.html", context)


def _sections(request: HttpRequest, user: Any) -> list[tuple[str, dict[str, Any]]]:
    """What apps above this one add to My work (settings.WRENCH_MY_WORK_SECTIONS, by dotted
    path, so this app imports none of them): (template, context) pairs."""
    found = [import_string(path)(request, user) for path in settings.WRENCH_MY_WORK_SECTIONS]
    return [section for section in found if section]
