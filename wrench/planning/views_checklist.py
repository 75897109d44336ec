"""The checklist section of the work order page and of My work's cards, and recording a
check's result from it (HTMX swaps the section in place; without JavaScript the form posts
and the page comes back)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from wrench.accounts.models import User
from wrench.core.errors import DomainError
from wrench.planning import checklists
from wrench.planning.models import ChecklistItem, CheckResult
from wrench.workorders.models import WorkOrder
from wrench.workorders.views.common import message_of, user_of, visible_work_order


def checklist_context(
    wo: WorkOrder,
    user: User,
    *,
    view: str = "page",
    errors: dict[int, str] | None = None,
    typed: dict[str, str] | None = None,
    done: str = "",
) -> dict[str, Any]:
    """What the section shows: the items with results and follow-ups, whether this person
    may record now, the error beside the item that caused it."""
    items = list(
        ChecklistItem.objects.filter(work_order=wo).select_related("follow_up", "recorded_by")
    )
    errors, typed = errors or {}, typed or {}
    for item in items:
        item.error = errors.get(item.number, "")  # type: ignore[attr-defined]
        mine = bool(item.error)  # type: ignore[attr-defined]
        item.typed_value = typed.get("value", "") if mine else ""  # type: ignore[attr-defined]
        item.typed_note = typed.get("note", "") if mine else ""  # type: ignore[attr-defined]
    return {
        "wo": wo,
        "view": view,
        "items": items,
        "recording": wo.status in checklists.RECORDING
        and user.has_perm("workorders.complete_work"),
        "check_done": done,
    }


def _said(item: ChecklistItem) -> str:
    if item.result == CheckResult.FAIL and item.follow_up is not None:
        return f"Check {item.number} failed: follow-up {item.follow_up.number} raised"
    return f"Check {item.number} {'passed' if item.result == CheckResult.PASS else 'failed'}"


@login_required
@require_POST
def record_check(request: HttpRequest, number: str, item: int) -> HttpResponse:
    """One check's result (pass / fail buttons, the reading, a note)."""
    from wrench.workorders.views.detail import render_page

    wo = visible_work_order(request, number)
    user = user_of(request)
    p = request.POST
    view = "job" if p.get("view") == "job" else "page"
    typed = {k: str(v) for k, v in p.items() if k != "csrfmiddlewaretoken"}
    done, error = "", ""
    try:
        recorded = checklists.record_result(
            wo,
            actor=user,
            number=item,
            result=p.get("result") or None,
            value=p.get("value", "").strip() or None,
            note=p.get("note", "").strip(),
        )
        done = _said(recorded)
    except DomainError as exc:
        error = message_of(exc)
    if request.headers.get("HX-Request"):
        context = checklist_context(
            wo,
            user,
            view=view,
            errors={item: error} if error else None,
            typed=typed if error else None,
            done=done,
        )
        return render(request, "planning/_checklist.html", context)
    if error:
        return render_page(
            request, wo, panel_error={f"check-{item}": error}, panel_typed=typed, status=400
        )
    if view == "job":
        return redirect(f"/my/work/?done={number}:+{done.replace(' ', '+')}#card-{number}")
    return redirect(f"{wo.get_absolute_url()}?done={done.replace(' ', '+')}#checklist")
