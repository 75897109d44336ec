"""The work order page: every field, the coding with its definitions, the timeline and the
buttons of the moves this person may make now. Errors appear beside the field or button and
whatever was typed stays in the form."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from wrench.accounts.models import User
from wrench.assets.models import Crew, Trade
from wrench.coding.book import CodingBook
from wrench.coding.failure import FAILURE_KEYS
from wrench.core.errors import DomainError, FieldError, ValidationFailed
from wrench.workorders import services
from wrench.workorders.coding import chosen_values
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import REQUESTER_EDITABLE
from wrench.workorders.status import DEFINITIONS, Status
from wrench.workorders.views.common import (
    buttons_for,
    message_of,
    timeline,
    user_of,
    visible_work_order,
)
from wrench.workorders.words import page_detail

FIELDS = (
    "title",
    "description",
    "asset",
    "location",
    "needed_by",
    "priority",
    "consequence",
    "probability",
    "estimated_hours",
    "estimated_cost",
    "project_number",
    "trade",
    "crew",
    "assigned_to",
)


# name → (label, input type, hint)
LAYOUT = {
    "title": ("Title", "text", "what is wrong, in a few words"),
    "description": ("Description", "textarea", ""),
    "asset": ("Asset code", "text", "the equipment tag, e.g. P-101"),
    "location": ("Location", "text", ""),
    "needed_by": ("Needed by", "date", ""),
    "priority": ("Priority rating", "number", "0–999, higher first; empty: from the matrix"),
    "consequence": ("Consequence", "select15", "1 (minor) to 5 (severe)"),
    "probability": ("Probability", "select15", "1 (unlikely) to 5 (certain)"),
    "estimated_hours": ("Estimated hours", "text", ""),
    "estimated_cost": ("Estimated cost", "text", ""),
    "project_number": ("Project number", "text", "account override for M or C funding"),
    "trade": ("Trade", "trade", ""),
    "crew": ("Crew", "crew", ""),
    "assigned_to": ("Assigned to", "person", "the technician who does the job"),
}


def _fields(
    values: dict[str, str], errors: dict[str, str], editable: tuple[str, ...]
) -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            "label": label,
            "type": kind,
            "hint": hint,
            "value": values.get(name, ""),
            "error": errors.get(name, ""),
            "editable": name in editable,
        }
        for name, (label, kind, hint) in LAYOUT.items()
    ]


def _form_values(wo: WorkOrder, book: CodingBook) -> dict[str, str]:
    def code(obj: Any, attr: str = "code") -> str:
        return str(getattr(obj, attr)) if obj is not None else ""

    values = {
        "title": wo.title,
        "description": wo.description,
        "asset": code(wo.asset),
        "location": wo.location,
        "needed_by": wo.needed_by.isoformat() if wo.needed_by else "",
        "priority": str(wo.priority),
        "consequence": code(wo.consequence, "real"),
        "probability": code(wo.probability, "real"),
        "estimated_hours": f"{wo.estimated_hours:.2f}",
        "estimated_cost": f"{wo.estimated_cost:.2f}",
        "project_number": wo.project_number,
        "trade": code(wo.trade),
        "crew": code(wo.crew),
        "assigned_to": code(wo.assigned_to, "username"),
    }
    for key, value in chosen_values(wo, book).items():
        values[key] = value.abbreviation if value else ""
    return values


def _editable(wo: WorkOrder, user: User) -> tuple[str, ...]:
    if wo.status in (Status.CL, Status.CA, Status.RJ):
        return ()
    if user.has_perm("workorders.change_workorder"):
        return FIELDS
    if wo.requester_id == user.pk and wo.status == Status.WR:
        return REQUESTER_EDITABLE
    return ()


def _page(
    request: HttpRequest,
    wo: WorkOrder,
    *,
    values: dict[str, str] | None = None,
    errors: list[FieldError] | None = None,
    alert: str = "",
    typed: dict[str, str] | None = None,
    move_error: str = "",
    comment: str = "",
    comment_error: str = "",
    status: int = 200,
    panel_error: dict[str, str] | None = None,
    panel_typed: dict[str, str] | None = None,
) -> HttpResponse:
    user = user_of(request)
    book = CodingBook.for_site(wo.site_id)
    values = values or _form_values(wo, book)
    errs = {e.field: e.message for e in errors or []}
    chosen = chosen_values(wo, book)
    editable = _editable(wo, user)
    coding = [
        {
            "key": key,
            "ch": ch,
            "values": book.active_values(key),
            "selected": values.get(key, ""),
            "explained": book.values[key].get(values.get(key, "")) or chosen.get(key),
            "error": errs.get(key, ""),
        }
        for key, ch in book.characteristics.items()
    ]
    context = {
        "wo": wo,
        "values": values,
        "errors": errs,
        "alert": alert,
        "coding": coding,
        "editable": editable,
        "fields": _fields(values, errs, editable),
        "codes_editable": "urgency" in editable or editable == FIELDS,
        "buttons": buttons_for(wo, user, typed=typed, error=move_error),
        "timeline": timeline(wo, book),
        "status_definition": DEFINITIONS[wo.status][0],
        "trades": Trade.objects.filter(site_id=wo.site_id),
        "crews": Crew.objects.filter(site_id=wo.site_id),
        "people": User.objects.filter(sites=wo.site_id, groups__name="technician").distinct(),
        "comment": comment,
        "comment_error": comment_error,
        "notice": request.GET.get("done", ""),
        "panel_error": panel_error or {},
        "typed": panel_typed or {},
    }
    return render(request, "workorders/detail.html", context, status=status)


render_page = _page


@login_required
def work_order(request: HttpRequest, number: str) -> HttpResponse:
    wo = visible_work_order(request, number)
    if request.method != "POST":
        return _page(request, wo)
    user = user_of(request)
    book = CodingBook.for_site(wo.site_id)
    before = _form_values(wo, book)
    allowed = _editable(wo, user)
    posted = {k: request.POST.get(k, before.get(k, "")).strip() for k in before}
    data = {k: posted[k] for k in FIELDS if k in allowed and posted[k] != before[k]}
    codes = {
        k: posted[k]
        for k in book.characteristics
        if allowed == FIELDS and posted.get(k, "") != before.get(k, "")
    }
    if not data and not codes:
        return redirect(f"{wo.get_absolute_url()}?done=Nothing+changed")
    try:
        services.update_work_order(wo, actor=user, codes=codes, **data)
    except DomainError as error:
        return _page(
            request,
            wo,
            values={**before, **posted},
            errors=error.errors,
            alert=page_detail(error, book),
            status=error.status_code,
        )
    return redirect(f"{wo.get_absolute_url()}?done=Saved")


def _amount(raw: str) -> Decimal | None:
    if not raw.strip():
        return None
    try:
        value = Decimal(raw.strip())
    except InvalidOperation as exc:
        raise ValidationFailed(
            f"the approved amount {raw!r} is not a number",
            errors=[FieldError("approved_amount", "a number such as 1200.00")],
        ) from exc
    if not value.is_finite() or value < 0:
        raise ValidationFailed(f"the approved amount must be 0 or more; got {raw}")
    return value


@login_required
@require_POST
def move(request: HttpRequest, number: str) -> HttpResponse:
    """Make one transition. From a queue or my-work card (HTMX) the card is answered back."""
    wo = visible_work_order(request, number)
    user = user_of(request)
    keys = ("to", "reason", "findings", "approved_amount", "feedback", *FAILURE_KEYS)
    typed = {k: request.POST.get(k, "") for k in keys}
    view = request.POST.get("view", "page")
    try:
        moved = services.transition(
            wo,
            typed["to"],
            actor=user,
            reason=typed["reason"],
            findings=typed["findings"],
            approved_amount=_amount(typed["approved_amount"]),
            failure={k: typed[k] for k in FAILURE_KEYS if typed[k]},
            feedback=typed["feedback"],
        )
    except DomainError as error:
        if view != "page":
            return _card(request, wo, view, typed=typed, error=message_of(error))
        return _page(request, wo, typed=typed, move_error=message_of(error), status=200)
    if view != "page":
        fresh = visible_work_order(request, number)
        return _card(
            request,
            fresh,
            view,
            done=f"{moved.number} is now {moved.status} ({moved.get_status_display()})",
        )
    label = Status(moved.status).label.replace(" ", "+")
    return redirect(f"{moved.get_absolute_url()}?done=Now+{moved.status}+({label})")


def _card(
    request: HttpRequest,
    wo: WorkOrder,
    view: str,
    *,
    typed: dict[str, str] | None = None,
    error: str = "",
    done: str = "",
) -> HttpResponse:
    context = {
        "wo": wo,
        "buttons": buttons_for(wo, user_of(request), typed=typed, error=error),
        "view": view,
        "done": done,
    }
    return render(request, "workorders/_card.html", context)


@login_required
@require_POST
def comment(request: HttpRequest, number: str) -> HttpResponse:
    wo = visible_work_order(request, number)
    text = request.POST.get("text", "")
    try:
        services.add_comment(wo, actor=user_of(request), text=text)
    except DomainError as error:
        return _page(request, wo, comment=text, comment_error=message_of(error), status=200)
    return redirect(f"{wo.get_absolute_url()}?done=Comment+added#timeline")
