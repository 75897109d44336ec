"""The review and approval queues: one compact table each, emergencies first, a row opened in
place to act on it (its card, fetched by HTMX) and bulk moves, each work order through
`transition()` on its own so each gets its own answer."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from wrench.core.errors import DomainError
from wrench.workorders import services
from wrench.workorders.lifecycle import later
from wrench.workorders.models import WorkOrder
from wrench.workorders.views.common import LABELS, buttons_for, message_of, user_of
from wrench.workorders.views.common import visible_work_order as _visible

PAGE_SIZE = 50
MAX_BULK = 100  # one bulk move answers each work order on the page; a page is at most this


@dataclass(frozen=True)
class Queue:
    status: str
    title: str
    blurb: str
    bulk: tuple[str, ...]  # target statuses offered for the ticked rows
    url_name: str
    bulk_url_name: str
    # Only the work this viewer may decide (approvals sit above workorders: bound by name).
    mine: str = ""


REVIEW = Queue(
    "WR",
    "Review queue",
    "Requests waiting for review (WR): emergencies first, then urgent, then by priority. "
    "Open one to code and move it here, or tick several and move them together.",
    ("WA", "BL", "RJ"),
    "review-queue",
    "review-bulk",
)
APPROVAL = Queue(
    "WA",
    "Approval queue",
    "Work waiting for your approval (WA), routed to you or your role and within your "
    "approval limit: emergencies first, then urgent, then by priority.",
    ("BL", "RJ"),
    "approval-queue",
    "approval-bulk",
    mine="wrench.approvals.services.work_orders_waiting_for",
)


@dataclass
class Result:
    number: str
    moved: bool
    text: str


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return max(1, int(raw)) if raw.isdigit() else 1


def _render(
    request: HttpRequest, queue: Queue, *, results: list[Result] | None = None, reason: str = ""
) -> HttpResponse:
    user = user_of(request)
    qs = WorkOrder.objects.visible_to(user).with_coding().filter(status=queue.status)
    if queue.mine:
        qs = qs.filter(pk__in=later(queue.mine)(user))
    number = _page_number(request)
    start = (number - 1) * PAGE_SIZE
    rows = list(qs.in_queue_order()[start : start + PAGE_SIZE + 1])
    more, rows = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
    results = results or []
    context = {
        "queue": queue,
        "rows": rows,
        "total": qs.count(),
        "emergencies": sum(getattr(wo, "urgency_rank", 2) == 0 for wo in rows),
        "bulk": [(to, LABELS[to]) for to in queue.bulk],
        "results": results,
        "moved": [r for r in results if r.moved],
        "refused": [r for r in results if not r.moved],
        "reason": reason,
        "previous_url": f"?page={number - 1}" if number > 1 else "",
        "next_url": f"?page={number + 1}" if more else "",
    }
    return render(request, "workorders/queue.html", context)


def _bulk(request: HttpRequest, queue: Queue) -> HttpResponse:
    to = request.POST.get("to", "")
    reason = request.POST.get("reason", "").strip()
    numbers = list(dict.fromkeys(request.POST.getlist("number")))[:MAX_BULK]
    results: list[Result] = []
    if to not in queue.bulk:
        allowed = ", ".join(f"{LABELS[t]} ({t})" for t in queue.bulk)
        results.append(Result("", False, f"choose one of: {allowed}"))
    elif not numbers:
        results.append(Result("", False, "tick the work orders to move first"))
    else:
        for number in numbers:
            results.append(_move_one(request, number, to, reason))
    return _render(request, queue, results=results, reason=reason)


def _move_one(request: HttpRequest, number: str, to: str, reason: str) -> Result:
    try:
        wo = _visible(request, number)
        moved = services.transition(wo, to, actor=user_of(request), reason=reason)
    except DomainError as error:
        return Result(number, False, message_of(error))
    except Http404:  # another site's work order, or a tampered number
        return Result(number, False, f"no work order {number} at your sites")
    return Result(number, True, f"now {moved.status} ({moved.get_status_display()})")


@login_required
@permission_required("workorders.review_request", raise_exception=True)
def review_queue(request: HttpRequest) -> HttpResponse:
    return _render(request, REVIEW)


@login_required
@permission_required("workorders.approve_workorder", raise_exception=True)
def approval_queue(request: HttpRequest) -> HttpResponse:
    return _render(request, APPROVAL)


@login_required
@permission_required("workorders.review_request", raise_exception=True)
@require_POST
def review_bulk(request: HttpRequest) -> HttpResponse:
    return _bulk(request, REVIEW)


@login_required
@permission_required("workorders.approve_workorder", raise_exception=True)
@require_POST
def approval_bulk(request: HttpRequest) -> HttpResponse:
    return _bulk(request, APPROVAL)


@login_required
def card(request: HttpRequest, number: str) -> HttpResponse:
    """One work order's card with its moves, for a queue row opened in place."""
    wo = _visible(request, number)
    context = {"wo": wo, "buttons": buttons_for(wo, user_of(request)), "view": "card"}
    return render(request, "workorders/_card.html", context)
