"""Every state change of a work order. Callers validate nothing themselves; they call these.

Each function takes keyword-only arguments and an explicit actor, runs in one transaction,
locks the row it changes and writes the event row in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import F

from wrench.accounts.models import User
from wrench.assets.models import Asset, Crew, Site, Trade
from wrench.coding.book import CodingBook
from wrench.coding.models import BUILTIN_KEYS, CodeValue, EffectKey, Requirement
from wrench.core import clock
from wrench.core.errors import Conflict, FieldError, NotAllowed, NotFound, ValidationFailed
from wrench.workorders import lifecycle
from wrench.workorders.coding import chosen_values, has_effect
from wrench.workorders.lifecycle import SYSTEM, Move, System
from wrench.workorders.models import Comment, WorkOrder, WorkOrderCode, WorkOrderEvent
from wrench.workorders.signals import work_order_created, work_order_transitioned
from wrench.workorders.status import Status

# Fields a PATCH may change. Status is never among them: it moves only by transition().
EDITABLE = (
    "title",
    "description",
    "asset",
    "location",
    "needed_by",
    "priority",
    "consequence",
    "probability",
    "estimated_cost",
    "estimated_hours",
    "project_number",
    "trade",
    "crew",
    "assigned_to",
)
# What a requester may still change on their own request while it waits for review.
REQUESTER_EDITABLE = ("title", "description", "location", "needed_by", "asset")


def check_site(actor: User | System, site_id: int) -> None:
    if isinstance(actor, System) or site_id in actor.site_ids():
        return
    raise NotAllowed("you are not a member of this work order's site")


@dataclass
class _Draft:
    """Validated values for a work order, gathered before anything is written."""

    fields: dict[str, Any]
    codes: dict[str, CodeValue | None]
    extra: dict[str, CodeValue]


def _decimal(field: str, raw: Any, errors: list[FieldError], *, limit: Decimal) -> Decimal | None:
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        errors.append(FieldError(field, f"{raw!r} is not a number"))
        return None
    if not value.is_finite() or value < 0 or value > limit:
        errors.append(FieldError(field, f"must be between 0 and {limit}; got {raw}"))
        return None
    return value.quantize(Decimal("0.01"))


def _one_to_five(field: str, raw: Any, errors: list[FieldError]) -> int | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | str) or not str(raw).isdigit():
        errors.append(FieldError(field, f"{raw!r} is not a whole number from 1 to 5"))
        return None
    if not 1 <= int(raw) <= 5:
        errors.append(FieldError(field, f"must be from 1 to 5; got {raw}"))
        return None
    return int(raw)


def _lookup(model: type[Any], site: Site, field: str, raw: Any, errors: list[FieldError]) -> Any:
    """Find a site object by code (or take it as given); unknown → an error naming it."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, model):
        found = raw if raw.site_id == site.pk else None
    else:
        found = model.objects.filter(site=site, code=str(raw)).first()
    if found is None:
        errors.append(FieldError(field, f"no {field} {raw!r} at site {site.code}"))
    return found


def _validate(
    *,
    site: Site,
    data: dict[str, Any],
    codes: dict[str, Any],
    book: CodingBook,
    current: WorkOrder | None,
    errors: list[FieldError],
) -> _Draft:
    fields: dict[str, Any] = {}
    for text_field in ("title", "description"):
        if text_field in data or current is None:
            text = str(data.get(text_field) or "").strip()
            if not text:
                errors.append(FieldError(text_field, f"a {text_field} is required"))
            limit = 200 if text_field == "title" else 20000
            if len(text) > limit:
                errors.append(FieldError(text_field, f"at most {limit} characters"))
            fields[text_field] = text
    for text_field, limit in (("location", 200), ("project_number", 40)):
        if text_field in data:
            text = str(data[text_field] or "").strip()
            if len(text) > limit:
                errors.append(FieldError(text_field, f"at most {limit} characters"))
            fields[text_field] = text
    if "asset" in data:
        asset = _lookup(Asset, site, "asset", data["asset"], errors)
        if asset is not None and not asset.active:
            errors.append(FieldError("asset", f"asset {asset.code} is inactive"))
        fields["asset"] = asset
    for name, model in (("trade", Trade), ("crew", Crew)):
        if name in data:
            fields[name] = _lookup(model, site, name, data[name], errors)
    if "assigned_to" in data:
        raw = data["assigned_to"]
        person = None
        if raw not in (None, ""):
            person = raw if isinstance(raw, User) else User.objects.filter(username=raw).first()
            if person is None or site.pk not in person.site_ids():
                errors.append(FieldError("assigned_to", f"no person {raw!r} at site {site.code}"))
        fields["assigned_to"] = person
    if "needed_by" in data:
        raw = data["needed_by"]
        if raw in (None, ""):
            fields["needed_by"] = None
        elif isinstance(raw, dt.date):
            fields["needed_by"] = raw
        else:
            try:
                fields["needed_by"] = dt.date.fromisoformat(str(raw))
            except ValueError:
                errors.append(FieldError("needed_by", f"{raw!r} is not a date (YYYY-MM-DD)"))
    for money, ceiling in (
        ("estimated_cost", Decimal("9999999999")),
        ("estimated_hours", Decimal("9999999")),
    ):
        if money in data and data[money] not in (None, ""):
            fields[money] = _decimal(money, data[money], errors, limit=ceiling)
    for scale in ("consequence", "probability"):
        if scale in data:
            fields[scale] = _one_to_five(scale, data[scale], errors)
    if "priority" in data and data["priority"] not in (None, ""):
        raw = data["priority"]
        if isinstance(raw, bool) or not str(raw).isdigit() or int(raw) > 999:
            errors.append(FieldError("priority", f"{raw!r}: a whole number from 0 to 999"))
        else:
            fields["priority"] = int(raw)

    chosen = chosen_values(current, book) if current else dict.fromkeys(book.characteristics)
    extra: dict[str, CodeValue] = {}
    for key, raw in codes.items():
        if raw in (None, ""):
            if current is not None and chosen.get(key) is not None:
                chosen[key] = None  # un-coding is allowed while not required
            continue
        value = book.resolve(key, raw.abbreviation if isinstance(raw, CodeValue) else str(raw))
        if isinstance(value, FieldError):
            errors.append(value)
            continue
        chosen[key] = value
        if key not in BUILTIN_KEYS:
            extra[key] = value
    if current is None:
        for key in book.characteristics:
            if chosen.get(key) is None:
                chosen[key] = book.default_value(key)
    for error in book.missing(chosen, Requirement.ON_REQUEST):
        if not any(e.field == error.field for e in errors):
            errors.append(error)
    return _Draft(fields=fields, codes=chosen, extra=extra)


def _apply_priority(draft: _Draft, site: Site, current: WorkOrder | None) -> None:
    consequence = draft.fields.get("consequence", current.consequence if current else None)
    probability = draft.fields.get("probability", current.probability if current else None)
    if consequence and probability and "priority" not in draft.fields:
        draft.fields["priority"] = int(site.priority_matrix[consequence - 1][probability - 1])


def _apply_effects(wo: WorkOrder, draft: _Draft, errors: list[FieldError]) -> None:
    """The process effects of the chosen values that the system carries out itself."""
    codes = draft.codes
    wo.emergency = has_effect(codes, EffectKey.EMERGENCY_REPORT)
    asset_warranty = wo.asset is not None and wo.asset.under_warranty()
    wo.warranty_flag = has_effect(codes, EffectKey.FLAG_WARRANTY) or asset_warranty
    if has_effect(codes, EffectKey.REQUIRE_PROJECT_NUMBER) and not wo.project_number:
        funding = next(v for v in codes.values() if v and v.has_effect("require_project_number"))
        errors.append(
            FieldError(
                "project_number",
                f"funding {funding.abbreviation} ({funding.value}) needs a project number "
                "(account override)",
            )
        )


def _next_number(site: Site) -> tuple[int, str]:
    """Take the site's next number. The row lock serialises concurrent creators."""
    Site.objects.filter(pk=site.pk).update(last_work_order_seq=F("last_work_order_seq") + 1)
    seq = Site.objects.filter(pk=site.pk).values_list("last_work_order_seq", flat=True).get()
    return seq, f"{site.code.upper()}-{seq:06d}"


def create_work_order(
    *,
    actor: User | System,
    site: Site,
    codes: dict[str, Any] | None = None,
    requester: User | None = None,
    requested_at: dt.datetime | None = None,
    parent: WorkOrder | None = None,
    book: CodingBook | None = None,
    **data: Any,
) -> WorkOrder:
    """Enter a request (status WR) and give it its number at once.

    `codes` maps a characteristic key to an abbreviation (`{"urgency": "E"}`); values left
    out take the site's defaults. `data` holds the other fields (EDITABLE). Raises
    ValidationFailed listing every problem; nothing is written then.
    """
    unknown = sorted(set(data) - set(EDITABLE))
    if unknown:
        raise ValidationFailed(
            f"unknown field(s): {', '.join(unknown)}; allowed: {', '.join(EDITABLE)}"
        )
    check_site(actor, site.pk)
    if not isinstance(actor, System) and not actor.has_perm("workorders.request_work"):
        raise NotAllowed("raising a request needs the request_work permission; you have no role")
    book = book or CodingBook.for_site(site.pk)
    errors: list[FieldError] = []
    with transaction.atomic():
        draft = _validate(
            site=site, data=data, codes=codes or {}, book=book, current=None, errors=errors
        )
        _apply_priority(draft, site, None)
        person = requester or (actor if isinstance(actor, User) else None)
        if person is None:
            errors.append(FieldError("requester", "a requester is required"))
        wo = WorkOrder(site=site, requester=person, parent=parent, **draft.fields)
        for key in BUILTIN_KEYS:
            setattr(wo, key, draft.codes.get(key))
        _apply_effects(wo, draft, errors)
        if errors:
            raise ValidationFailed.collect(errors)
        wo.seq, wo.number = _next_number(site)
        now = clock.now()
        wo.requested_at = requested_at or now
        wo.status_changed_at = now
        wo._history_user = person  # type: ignore[attr-defined]
        wo.save()
        for key, value in draft.extra.items():
            WorkOrderCode.objects.create(
                work_order=wo, characteristic=book.characteristics[key], value=value
            )
        WorkOrderEvent.objects.create(
            site=site,
            work_order=wo,
            from_status="",
            to_status=Status.WR,
            actor=None if isinstance(actor, System) else actor,
            automatic=isinstance(actor, System),
            reason="request entered",
            at=now,
        )
        work_order_created.send(sender=WorkOrder, work_order=wo, actor=actor)
    return wo


def update_work_order(
    work_order: WorkOrder, *, actor: User, codes: dict[str, Any] | None = None, **data: Any
) -> WorkOrder:
    """Change fields and coding (never the status). Same rules as creation."""
    unknown = sorted(set(data) - set(EDITABLE))
    if unknown:
        raise ValidationFailed(
            f"unknown field(s): {', '.join(unknown)}; allowed: {', '.join(EDITABLE)}"
        )
    check_site(actor, work_order.site_id)
    with transaction.atomic():
        wo = (
            WorkOrder.objects.select_for_update(of=("self",))
            .select_related("site", "asset")
            .get(pk=work_order.pk)
        )
        if wo.status in (Status.CL, Status.CA, Status.RJ):
            raise Conflict(
                f"{wo.number} is {wo.status} ({wo.get_status_display()}); it can no longer be changed",
                status=wo.status,
            )
        if not actor.has_perm("workorders.change_workorder"):
            own = wo.requester_id == actor.pk and wo.status == Status.WR
            if not own or codes or set(data) - set(REQUESTER_EDITABLE):
                raise NotAllowed(
                    "changing a work order needs the supervisor or planner role; you are "
                    f"{actor.role_label} (a requester may edit the text of their own request "
                    "while it waits for review)"
                )
        book = CodingBook.for_site(wo.site_id)
        errors: list[FieldError] = []
        draft = _validate(
            site=wo.site, data=data, codes=codes or {}, book=book, current=wo, errors=errors
        )
        _apply_priority(draft, wo.site, wo)
        for name, value in draft.fields.items():
            setattr(wo, name, value)
        for key in BUILTIN_KEYS:
            if key in (codes or {}):
                setattr(wo, key, draft.codes.get(key))
        _apply_effects(wo, draft, errors)
        if errors:
            raise ValidationFailed.collect(errors)
        wo._history_user = actor  # type: ignore[attr-defined]
        wo.save()
        for key in codes or {}:
            if key in BUILTIN_KEYS:
                continue
            WorkOrderCode.objects.filter(work_order=wo, characteristic__key=key).delete()
            if key in draft.extra:
                WorkOrderCode.objects.create(
                    work_order=wo, characteristic=book.characteristics[key], value=draft.extra[key]
                )
    return wo


def add_comment(work_order: WorkOrder, *, actor: User, text: str) -> Comment:
    check_site(actor, work_order.site_id)
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(
            "the comment is empty", errors=[FieldError("text", "write something")]
        )
    if len(text) > 10000:
        raise ValidationFailed(
            "the comment is too long", errors=[FieldError("text", "at most 10000 characters")]
        )
    if not actor.has_perm("workorders.add_comment"):
        raise NotAllowed(f"commenting needs a role; you are {actor.role_label}")
    return Comment.objects.create(
        site_id=work_order.site_id,
        work_order=work_order,
        author=actor,
        text=text,
        created_at=clock.now(),
    )


def transition(
    work_order: WorkOrder,
    to: str,
    *,
    actor: User | System,
    reason: str = "",
    findings: str = "",
    approved_amount: Decimal | None = None,
) -> WorkOrder:
    """Move a work order to status `to` if the lifecycle table allows it.

    Locks the row, re-reads its status, checks the table (forbidden → Conflict naming the
    current status and the allowed next ones; wrong role → NotAllowed naming the role
    needed; failed guard → Conflict saying why), then writes the new status and one
    WorkOrderEvent in the same transaction and sends `work_order_transitioned`.
    `actor=SYSTEM` is for process effects; the event is then marked automatic.
    """
    if to not in Status.values:
        raise ValidationFailed(
            f"unknown status {to!r}",
            errors=[FieldError("to", f"allowed: {', '.join(Status.values)}")],
        )
    check_site(actor, work_order.site_id)
    with transaction.atomic():
        try:
            wo = (
                WorkOrder.objects.select_for_update(of=("self",))
                .select_related("site", "urgency")
                .get(pk=work_order.pk)
            )
        except WorkOrder.DoesNotExist as exc:
            raise NotFound(f"no work order {work_order.number}") from exc
        frm = wo.status
        rules = lifecycle.rules_between(frm, to)
        if not rules:
            allowed = lifecycle.next_statuses(frm)
            raise Conflict(
                f"{wo.number} is {frm} ({Status(frm).label}) and cannot go to {to}; "
                f"allowed next: {', '.join(allowed) or 'none (final status)'}",
                status=frm,
                allowed=allowed,
            )
        permitted = [r for r in rules if lifecycle.may_make(r, actor)]
        if not permitted:
            if isinstance(actor, System):
                raise Conflict(
                    f"{frm} → {to} is never automatic",
                    status=frm,
                    allowed=lifecycle.next_statuses(frm),
                )
            needed = " or ".join(lifecycle.roles_needed(rules)) or "an approver"
            raise NotAllowed(
                f"moving {frm} → {to} needs the {needed} role; you are {actor.role_label}"
            )
        move = Move(
            wo,
            to,
            actor,
            reason=(reason or "").strip(),
            findings=(findings or "").strip(),
            approved_amount=approved_amount,
        )
        problems: list[str] = []
        for rule in permitted:
            problems = _problems(rule, move)
            if not problems:
                break
        if problems:
            raise Conflict(
                f"{wo.number} cannot go {frm} → {to}: " + "; ".join(problems),
                status=frm,
                allowed=lifecycle.next_statuses(frm),
            )
        now = clock.now()
        _apply(wo, move, now)
        wo._history_user = None if isinstance(actor, System) else actor  # type: ignore[attr-defined]
        wo.save()
        event = WorkOrderEvent.objects.create(
            site_id=wo.site_id,
            work_order=wo,
            from_status=frm,
            to_status=to,
            actor=None if isinstance(actor, System) else actor,
            automatic=isinstance(actor, System),
            reason=move.reason,
            at=now,
        )
        work_order_transitioned.send(sender=WorkOrder, work_order=wo, event=event)
    return wo


def _problems(rule: lifecycle.Rule, move: Move) -> list[str]:
    problems = []
    if rule.reason_required and not move.reason:
        problems.append(f"a reason is required to go to {rule.to} ({Status(rule.to).label})")
    for guard in rule.guards:
        problem = guard(move)
        if problem:
            problems.append(problem)
    return problems


def _apply(wo: WorkOrder, move: Move, now: dt.datetime) -> None:
    frm, to = wo.status, move.to
    wo.status = to
    wo.status_changed_at = now
    if to == Status.BL or (frm == Status.WL and to == Status.PL):
        wo.approved_amount = (
            move.approved_amount if move.approved_amount is not None else wo.estimated_cost
        )
    if to == Status.CO:
        wo.completed_at = now
        if move.findings:
            wo.findings = move.findings
    if frm == Status.CO and to == Status.IP:
        wo.completed_at = None
    if to == Status.CL:
        wo.closed_at = now


__all__ = ["SYSTEM", "add_comment", "create_work_order", "transition", "update_work_order"]
