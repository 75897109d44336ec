"""Every state change of a work order. Callers validate nothing themselves; they call these.

Each function takes keyword-only arguments and an explicit actor, runs in one transaction,
locks the row it changes and writes the event row in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from wrench.accounts.models import User
from wrench.assets.models import Site
from wrench.coding.book import CodingBook
from wrench.coding.models import BUILTIN_KEYS
from wrench.core import clock
from wrench.core.errors import Conflict, FieldError, NotAllowed, NotFound, ValidationFailed
from wrench.core.inserts import insert_one, insert_rows, update_one
from wrench.core.prepared import Prepared
from wrench.workorders import lifecycle
from wrench.workorders.coding import attach_codes, keep_extra_codes
from wrench.workorders.drafts import (
    EDITABLE,
    REQUESTER_EDITABLE,
    Draft,
    RowsInvalid,
    apply_effects,
    apply_priority,
    prefetch,
    validate,
)
from wrench.workorders.history import CHANGED, CREATED, write_history
from wrench.workorders.lifecycle import SYSTEM, Move, System
from wrench.workorders.models import Comment, WorkOrder, WorkOrderCode, WorkOrderEvent
from wrench.workorders.signals import work_order_created, work_order_transitioned
from wrench.workorders.status import Status

MAX_ROWS = 1000  # a bulk request's rows at most
# What transition() reads with the locked row: what its guards, listeners and the API's
# answer use, in the same query (coding comes from the site's cached CodingBook).
ANSWERED_WITH = ("site", "asset", "requester", "trade", "crew", "assigned_to")


def check_site(actor: User | System, site_id: int) -> None:
    if isinstance(actor, System) or site_id in actor.site_ids():
        return
    raise NotAllowed("you are not a member of this work order's site")


def _take_numbers(site: Site, count: int = 1) -> int:
    """Take the site's next `count` numbers; returns the last. The row lock the UPDATE takes
    serialises concurrent creators until their transaction ends."""
    if not connection.features.can_return_columns_from_insert:  # SQLite before 3.35
        Site.objects.filter(pk=site.pk).update(
            last_work_order_seq=models.F("last_work_order_seq") + count
        )
        return Site.objects.filter(pk=site.pk).values_list("last_work_order_seq", flat=True).get()
    quote = connection.ops.quote_name
    column = quote("last_work_order_seq")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(Site._meta.db_table)} SET {column} = {column} + %s "
            f"WHERE {quote('id')} = %s RETURNING {column}",
            [count, site.pk],
        )
        return int(cursor.fetchone()[0])


def _number(site: Site, seq: int) -> str:
    return f"{site.code.upper()}-{seq:06d}"


def _as_stored(wo: WorkOrder) -> None:
    """Decimals as the database gives them back (0 → 0.00), so an answer built from the
    object in hand is the same as one read afresh."""
    for field in WorkOrder._meta.concrete_fields:
        if isinstance(field, models.DecimalField):
            value = getattr(wo, field.attname)
            if value is not None:
                setattr(wo, field.attname, value.quantize(Decimal(1).scaleb(-field.decimal_places)))


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
    ValidationFailed listing every problem; nothing is written then. The work order comes
    back with its site, asset, people, trade, crew and coding attached as objects, so what
    the caller shows of it needs no further query.
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
    # Checked before the transaction: on SQLite it holds the database's write lock.
    draft = validate(
        site=site, data=data, codes=codes or {}, book=book, current=None, errors=errors
    )
    apply_priority(draft, site, None)
    person = requester or (actor if isinstance(actor, User) else None)
    if person is None:
        errors.append(FieldError("requester", "a requester is required"))
    wo = WorkOrder(site=site, requester=person, parent=parent, **draft.fields)
    for key in BUILTIN_KEYS:
        setattr(wo, key, draft.codes.get(key))
    apply_effects(wo, draft, errors)
    if errors:
        raise ValidationFailed.collect(errors)
    with transaction.atomic():
        wo.seq = _take_numbers(site)
        wo.number = _number(site, wo.seq)
        now = clock.now()
        wo.requested_at = requested_at or now
        wo.status_changed_at = now
        wo.created_at = wo.updated_at = timezone.now()  # what auto_now(_add) would write
        wo.pk = insert_one(WorkOrder, _columns(), tuple(wo.__dict__[c] for c in _columns()))
        wo._state.adding, wo._state.db = False, connection.alias
        write_history([wo], user_id=person.pk if person else None, at=timezone.now(), kind=CREATED)
        keep_extra_codes(
            wo,
            [
                WorkOrderCode.objects.create(
                    site_id=wo.site_id,
                    work_order=wo,
                    characteristic=book.characteristics[key],
                    value=value,
                )
                for key, value in draft.extra.items()
            ],
        )
        _event(wo, "", Status.WR, actor, "request entered", now)
        work_order_created.send(sender=WorkOrder, work_order=wo, actor=actor)
    _as_stored(wo)
    return wo


def create_work_orders(
    *,
    actor: User,
    site: Site,
    rows: list[tuple[dict[str, Any], dict[str, Any]]],
    book: CodingBook | None = None,
) -> list[WorkOrder]:
    """Enter up to MAX_ROWS requests (fields, codes) in one transaction, numbered in row order.

    Each row follows the rules of `create_work_order` and is written as it writes one: the
    work order, its simple-history row, its WR event, its extra coding (with history), and
    `work_order_created` sent for it. If any row is not valid, nothing is written and
    RowsInvalid lists every bad row with its errors. The rows are written with plain
    multi-row INSERTs (core/inserts.py), a fixed number of queries whatever their count.
    """
    if not 1 <= len(rows) <= MAX_ROWS:
        raise ValidationFailed(
            f"send from 1 to {MAX_ROWS} rows; got {len(rows)}",
            errors=[FieldError("rows", f"from 1 to {MAX_ROWS} rows")],
        )
    check_site(actor, site.pk)
    if not actor.has_perm("workorders.request_work"):
        raise NotAllowed(
            f"raising requests needs the request_work permission; you are {actor.role_label}"
        )
    book = book or CodingBook.for_site(site.pk)
    known = prefetch(site, [fields for fields, _ in rows])
    new_row = _row_maker(WorkOrder(site=site, requester=actor))
    bad: dict[int, list[FieldError]] = {}
    drafts: list[tuple[WorkOrder, Draft]] = []
    for index, (data, codes) in enumerate(rows):
        errors: list[FieldError] = []
        for name in sorted(set(data) - set(EDITABLE)):
            errors.append(FieldError(name, f"unknown field; allowed: {', '.join(EDITABLE)}"))
        data = {k: v for k, v in data.items() if k in EDITABLE}
        draft = validate(
            site=site, data=data, codes=codes, book=book, current=None, errors=errors, known=known
        )
        apply_priority(draft, site, None)
        wo = new_row(draft)
        apply_effects(wo, draft, errors)
        if errors:
            bad[index] = errors
        drafts.append((wo, draft))
    if bad:
        raise RowsInvalid(bad)
    orders = [wo for wo, _ in drafts]
    with transaction.atomic():
        last = _take_numbers(site, len(orders))
        first = last - len(orders) + 1
        now, saved_at = clock.now(), timezone.now()  # saved_at: what auto_now would write
        for offset, wo in enumerate(orders):
            wo.seq = first + offset
            wo.number = _number(site, wo.seq)
            wo.requested_at = wo.status_changed_at = now
            wo.created_at = wo.updated_at = saved_at
        _insert_work_orders(orders)
        ids = dict(
            WorkOrder.objects.filter(site=site, seq__gte=first, seq__lte=last).values_list(
                "seq", "id"
            )
        )
        for wo in orders:
            wo.pk = ids[wo.seq]
            wo._state.adding = False
        write_history(orders, user_id=actor.pk, at=now, kind=CREATED)
        insert_rows(
            WorkOrderEvent,
            (*EVENT_COLUMNS, *EVENT_COLUMNS_MORE),
            [(site.pk, wo.pk, "", "WR", actor.pk, False, "request entered", now) for wo in orders],
        )
        extra = [
            WorkOrderCode(
                site_id=wo.site_id,
                work_order=wo,
                characteristic=book.characteristics[key],
                value=value,
            )
            for wo, draft in drafts
            for key, value in draft.extra.items()
        ]
        if extra:
            bulk_create_with_history(extra, WorkOrderCode, default_user=actor, default_date=now)
        for wo in orders:
            work_order_created.send(sender=WorkOrder, work_order=wo, actor=actor)
    return orders


EVENT_COLUMNS = ("site_id", "work_order_id", "from_status", "to_status", "actor_id")
EVENT_COLUMNS_MORE = ("automatic", "reason", "at")


def _row_maker(template: WorkOrder) -> Callable[[Draft], WorkOrder]:
    """Work orders like `template` with a draft's values, built from positional values: a
    thousand keyword inits (defaults and related-object setters for 37 fields) cost more
    than everything else a bulk row does. Related objects are kept as ids; the site, the
    requester and the asset (its warranty is a process effect) also as objects."""
    fields = WorkOrder._meta.concrete_fields
    base = [template.__dict__[f.attname] for f in fields]
    at = {f.attname: i for i, f in enumerate(fields)}
    related = {f.name: f.attname for f in fields if f.is_relation}

    def make(draft: Draft) -> WorkOrder:
        values = base.copy()
        for name, value in draft.fields.items():
            if name in related:
                values[at[related[name]]] = value.pk if value is not None else None
            else:
                values[at[name]] = value
        for key in BUILTIN_KEYS:
            value = draft.codes.get(key)
            values[at[f"{key}_id"]] = value.pk if value is not None else None
        wo = WorkOrder(*values)
        wo.site, wo.requester = template.site, template.requester
        if draft.fields.get("asset") is not None:
            wo.asset = draft.fields["asset"]
        return wo

    return make


@functools.cache
def _columns() -> tuple[str, ...]:
    """A work order's columns as save() writes them (all but the id), by attname."""
    return tuple(f.attname for f in WorkOrder._meta.concrete_fields if not f.primary_key)


def _insert_work_orders(orders: list[WorkOrder]) -> None:
    columns = _columns()
    insert_rows(WorkOrder, columns, [tuple(wo.__dict__[c] for c in columns) for wo in orders])


def _event(
    wo: WorkOrder, frm: str, to: str, actor: User | System, reason: str, at: dt.datetime
) -> WorkOrderEvent:
    """Write the event row of a status change with one prepared INSERT (what
    `WorkOrderEvent.objects.create` writes, without compiling it) and return it."""
    event = WorkOrderEvent(
        site_id=wo.site_id,
        work_order=wo,
        from_status=frm,
        to_status=to,
        actor=None if isinstance(actor, System) else actor,
        automatic=isinstance(actor, System),
        reason=reason,
        at=at,
    )
    values = tuple(event.__dict__[c] for c in EVENT_COLUMNS + EVENT_COLUMNS_MORE)
    event.pk = insert_one(WorkOrderEvent, EVENT_COLUMNS + EVENT_COLUMNS_MORE, values)
    event._state.adding, event._state.db = False, connection.alias
    return event


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
        book = CodingBook.for_site(wo.site_id, version=wo.site.coding_version)
        errors: list[FieldError] = []
        draft = validate(
            site=wo.site, data=data, codes=codes or {}, book=book, current=wo, errors=errors
        )
        apply_priority(draft, wo.site, wo)
        for name, value in draft.fields.items():
            setattr(wo, name, value)
        for key in BUILTIN_KEYS:
            if key in (codes or {}):
                setattr(wo, key, draft.codes.get(key))
        apply_effects(wo, draft, errors)
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
                    site_id=wo.site_id,
                    work_order=wo,
                    characteristic=book.characteristics[key],
                    value=draft.extra[key],
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
    `actor=SYSTEM` is for process effects; the event is then marked automatic. The work
    order comes back with its related objects and coding attached (ANSWERED_WITH).
    """
    _known_status(to)
    check_site(actor, work_order.site_id)
    with transaction.atomic():
        wo = _locked(
            WorkOrder.objects.filter(pk=work_order.pk), f"no work order {work_order.number}"
        )
        return _move(wo, to, actor, reason, findings, approved_amount)


def transition_number(
    number: str,
    to: str,
    *,
    actor: User,
    reason: str = "",
    findings: str = "",
    approved_amount: Decimal | None = None,
) -> WorkOrder:
    """transition() of the work order numbered `number` at one of the actor's sites, found
    and locked in one query (NotFound when there is none there)."""
    with transaction.atomic():
        # The number is unique: found by it alone, with SQL compiled once; another site's
        # work order is then a 404 as if it did not exist (it was locked for no longer).
        found = _LOCKED_BY_NUMBER.rows(number)
        if not found or found[0].site_id not in actor.site_ids():
            raise NotFound(f"no work order {number!r} at your sites")
        wo = _with_codes(found[0])
        _known_status(to)
        return _move(wo, to, actor, reason, findings, approved_amount)


def _known_status(to: str) -> None:
    if to not in Status.values:
        raise ValidationFailed(
            f"unknown status {to!r}",
            errors=[FieldError("to", f"allowed: {', '.join(Status.values)}")],
        )


def _locked(rows: models.QuerySet[WorkOrder], missing: str) -> WorkOrder:
    """The one work order of `rows`, locked, with what the guards, listeners and answer use."""
    try:  # get(), not first(): no ORDER BY to compile for one row
        wo = rows.select_for_update(of=("self",)).select_related(*ANSWERED_WITH).get()
    except WorkOrder.DoesNotExist as exc:
        raise NotFound(missing) from exc
    return _with_codes(wo)


# _locked() of the work order with a number, as SQL compiled once per process.
_LOCKED_BY_NUMBER: Prepared[WorkOrder] = Prepared(
    "s",
    lambda number: (
        WorkOrder.objects.filter(number=number)
        .select_for_update(of=("self",))
        .select_related(*ANSWERED_WITH)
        .order_by()
    ),
)


def _with_codes(wo: WorkOrder) -> WorkOrder:
    """The locked work order with its coding attached from the site's CodingBook."""
    book = CodingBook.for_site(wo.site_id, version=wo.site.coding_version)
    attach_codes(wo, book)
    if not book.has_extra_characteristics:
        keep_extra_codes(wo, [])  # none can exist: the answer needs no query for them
    return wo


def _move(
    wo: WorkOrder,
    to: str,
    actor: User | System,
    reason: str,
    findings: str,
    approved_amount: Decimal | None,
) -> WorkOrder:
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
        raise NotAllowed(f"moving {frm} → {to} needs the {needed} role; you are {actor.role_label}")
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
    wo.updated_at = timezone.now()  # what auto_now would write
    update_one(wo, _columns())  # save() without its history row: written next, in one INSERT
    person = None if isinstance(actor, System) else actor
    write_history([wo], user_id=person.pk if person else None, at=timezone.now(), kind=CHANGED)
    event = _event(wo, frm, to, actor, move.reason, now)
    work_order_transitioned.send(sender=WorkOrder, work_order=wo, event=event)
    _as_stored(wo)
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
