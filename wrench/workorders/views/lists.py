"""Lists: the backlog (the one WorkOrderFilter, keyset pages, saved views) and a technician's
work. The review and approval queues are in queues.py."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.module_loading import import_string
from django.views.decorators.http import require_POST

from wrench.assets.models import Area, Crew, Trade
from wrench.assets.sites import home_site
from wrench.coding.book import CodingBook
from wrench.core.errors import ValidationFailed
from wrench.workorders.filters import SORT_KEYS, WorkOrderFilter, keyset_page
from wrench.workorders.models import SavedView, WorkOrder
from wrench.workorders.status import GROUPS, Status
from wrench.workorders.views.common import buttons_for, user_of

PAGE_SIZE = 50
COUNT_CAP = 1000  # counting stops here: "1,000+" is all a person needs, and it stays fast
NOT_FILTERS = ("cursor",)
COLUMNS = (
    ("Number", "number"),
    ("Title", ""),
    ("Status", "status"),
    ("Priority", "priority"),
    ("Urgency", ""),
    ("Timing", ""),
    ("Reason", ""),
    ("Action", ""),
    ("Asset", ""),
    ("Trade", ""),
    ("Hours", ""),
    ("Requested", "requested_at"),
    ("Needed by", "needed_by"),
)


def filter_query(get: QueryDict) -> dict[str, str]:
    """The query as the filter reads it: repeated keys (checkboxes) joined by commas."""
    query: dict[str, str] = {}
    for key, values in get.lists():
        joined = ",".join(v.strip() for v in values if v.strip())
        if joined and key not in NOT_FILTERS:
            query[key] = joined
    return query


def _sort_links(query: dict[str, str]) -> list[tuple[str, str, str]]:
    current = query.get("sort", "-priority,requested_at").split(",")[0]
    links = []
    for label, key in COLUMNS:
        if not key:
            links.append((label, "", ""))
            continue
        descending = current == key  # clicking the current ascending column turns it around
        wanted = f"-{key}" if descending else key
        arrow = "▲" if current == key else ("▼" if current == f"-{key}" else "")
        links.append((label, "?" + urlencode({**query, "sort": wanted}), arrow))
    return links


@login_required
def backlog(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    query = filter_query(request.GET)
    site = home_site(user)
    book = CodingBook.for_site(site.pk) if site else None
    items: list[WorkOrder] = []
    next_cursor = None
    shown_count = ""
    error = None
    try:
        flt = WorkOrderFilter.from_query(query)
        qs = flt.apply(WorkOrder.objects.visible_to(user).with_coding(), user=user)
        page = keyset_page(qs, flt, limit=PAGE_SIZE, cursor=request.GET.get("cursor"))
        items, next_cursor = page.items, page.next_cursor
        total = qs.order_by().values("id")[: COUNT_CAP + 1].count()
        shown_count = f"{COUNT_CAP:,}+" if total > COUNT_CAP else f"{total:,}"
    except ValidationFailed as exc:
        error = exc
    encoded = urlencode(query)
    characteristics = (
        [
            (key, ch, book.active_values(key), set(query.get(key, "").split(",")))
            for key, ch in book.characteristics.items()
        ]
        if book
        else []
    )
    context = {
        "items": items,
        "query": query,
        "encoded": encoded,
        "next_url": "?" + urlencode({**query, "cursor": next_cursor}) if next_cursor else "",
        "count": shown_count,
        "hours": sum((wo.estimated_hours for wo in items), start=0),
        "error": error,
        "errors": {e.field: e.message for e in (error.errors if error else [])},
        "columns": _sort_links(query),
        "characteristics": characteristics,
        "groups": list(GROUPS),
        "statuses": list(Status),
        "areas": Area.objects.filter(site=site) if site else [],
        "trades": Trade.objects.filter(site=site) if site else [],
        "crews": Crew.objects.filter(site=site) if site else [],
        "saved": SavedView.objects.filter(owner=user),
        "export_csv": "/api/v1/work-orders?" + urlencode({"format": "csv", **query}),
        "export_xlsx": "/api/v1/work-orders?" + urlencode({"format": "xlsx", **query}),
        "sort_keys": list(SORT_KEYS),
    }
    return render(request, "workorders/backlog.html", context, status=400 if error else 200)


@login_required
@require_POST
def save_view(request: HttpRequest) -> HttpResponse:
    name = request.POST.get("name", "").strip()[:80]
    query = request.POST.get("query", "")[:2000]
    if name:
        SavedView.objects.update_or_create(
            owner=user_of(request), name=name, defaults={"query": query}
        )
    return redirect(f"/backlog/?{query}")


@login_required
@require_POST
def delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(SavedView, pk=pk, owner=user_of(request)).delete()
    return redirect("backlog")


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
