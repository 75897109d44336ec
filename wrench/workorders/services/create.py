"""Entering requests: one, or up to MAX_ROWS in one transaction, numbered per site at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from wrench.accounts.models import User
from wrench.assets.models import Site
from wrench.coding.book import CodingBook
from wrench.coding.models import BUILTIN_KEYS
from wrench.core import clock
from wrench.core.errors import FieldError, NotAllowed, ValidationFailed
from wrench.core.fastpath import insert_rows, mark_saved
from wrench.workorders.coding import keep_extra_codes
from wrench.workorders.drafts import (
    EDITABLE,
    Draft,
    RowsInvalid,
    apply_effects,
    apply_priority,
    prefetch,
    validate,
)
from wrench.workorders.history import CREATED, write_history
from wrench.workorders.lifecycle import System
from wrench.workorders.models import WorkOrder, WorkOrderCode, WorkOrderEvent
from wrench.workorders.services.common import check_site
from wrench.workorders.signals import work_order_created
from wrench.workorders.status import Status
from wrench.workorders.writes import (
    EVENT_COLUMNS,
    EVENT_COLUMNS_MORE,
    as_stored,
    insert_work_order,
    insert_work_orders,
    write_event,
)

MAX_ROWS = 1000  # a bulk request's rows at most


def take_numbers(site: Site, count: int = 1) -> int:
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


def number_for(site: Site, seq: int) -> str:
    """The work order number of `site` for sequence `seq` (MILL-000042)."""
    return f"{site.code.upper()}-{seq:06d}"


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
        wo.seq = take_numbers(site)
        wo.number = number_for(site, wo.seq)
        now = clock.now()
        wo.requested_at = requested_at or now
        wo.status_changed_at = now
        wo.created_at = wo.updated_at = timezone.now()  # what auto_now(_add) would write
        insert_work_order(wo)
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
        write_event(wo, "", Status.WR, actor, "request entered", now)
        work_order_created.send(sender=WorkOrder, work_order=wo, actor=actor)
    as_stored(wo)
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
    multi-row INSERTs (core/fastpath.py), a fixed number of queries whatever their count.
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
    new_row = bulk_row_maker(WorkOrder(site=site, requester=actor))
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
        last = take_numbers(site, len(orders))
        first = last - len(orders) + 1
        now, saved_at = clock.now(), timezone.now()  # saved_at: what auto_now would write
        for offset, wo in enumerate(orders):
            wo.seq = first + offset
            wo.number = number_for(site, wo.seq)
            wo.requested_at = wo.status_changed_at = now
            wo.created_at = wo.updated_at = saved_at
        insert_work_orders(orders)
        ids = dict(
            WorkOrder.objects.filter(site=site, seq__gte=first, seq__lte=last).values_list(
                "seq", "id"
            )
        )
        for wo in orders:
            wo.pk = ids[wo.seq]
            mark_saved(wo)
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


def bulk_row_maker(template: WorkOrder) -> Callable[[Draft], WorkOrder]:
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
