"""How the work order services write rows: the work order, its history row and its event,
each with one statement through the walled fast path (core/fastpath.py)."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from wrench.core.fastpath import insert_one, insert_rows, mark_saved, update_one
from wrench.workorders.history import CHANGED, write_history
from wrench.workorders.lifecycle import System
from wrench.workorders.models import WorkOrder, WorkOrderEvent

if TYPE_CHECKING:
    from wrench.accounts.models import User

EVENT_COLUMNS = ("site_id", "work_order_id", "from_status", "to_status", "actor_id")
EVENT_COLUMNS_MORE = ("automatic", "reason", "at")


@functools.cache
def columns() -> tuple[str, ...]:
    """A work order's columns as save() writes them (all but the id), by attname."""
    return tuple(f.attname for f in WorkOrder._meta.concrete_fields if not f.primary_key)


def insert_work_order(wo: WorkOrder) -> None:
    """INSERT `wo` (every value set by the caller, auto_now ones included); it gets its id."""
    wo.pk = insert_one(WorkOrder, columns(), tuple(wo.__dict__[c] for c in columns()))
    mark_saved(wo)


def insert_work_orders(orders: list[WorkOrder]) -> None:
    insert_rows(WorkOrder, columns(), [tuple(wo.__dict__[c] for c in columns()) for wo in orders])


def save_changed(wo: WorkOrder, *, user_id: int | None) -> None:
    """What `save()` writes for a changed work order, and its simple-history row."""
    wo.updated_at = timezone.now()  # what auto_now would write
    update_one(wo, columns())
    write_history([wo], user_id=user_id, at=timezone.now(), kind=CHANGED)


def as_stored(wo: WorkOrder) -> None:
    """Decimals as the database gives them back (0 → 0.00), so an answer built from the
    object in hand is the same as one read afresh."""
    for field in WorkOrder._meta.concrete_fields:
        if isinstance(field, models.DecimalField):
            value = getattr(wo, field.attname)
            if value is not None:
                setattr(wo, field.attname, value.quantize(Decimal(1).scaleb(-field.decimal_places)))


def write_event(
    wo: WorkOrder, frm: str, to: str, actor: User | System, reason: str, at: dt.datetime
) -> WorkOrderEvent:
    """The event row of a status change (what `WorkOrderEvent.objects.create` writes)."""
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
    mark_saved(event)
    return event
