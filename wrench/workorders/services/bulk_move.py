"""Many work orders moved to one status at once: `transition()`'s rules, row by row, with
the writes in bulk (a schedule of a thousand work orders applied in seconds, not minutes).

The rows are locked in one query; each is checked against the lifecycle table as
`transition()` checks it (status, role, guards, reason), in Python; the first that may not
move refuses the lot (nothing is written). Then one WorkOrderEvent per work order (one
batched INSERT), the rule's effects per row in the same transaction, the work orders with
one prepared UPDATE and their history rows with one INSERT.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone

from wrench.accounts.models import User
from wrench.core import clock
from wrench.core.errors import NotFound
from wrench.core.fastpath import update_rows
from wrench.workorders.history import CHANGED, write_history
from wrench.workorders.lifecycle import Move, Rule, System
from wrench.workorders.models import WorkOrder, WorkOrderEvent
from wrench.workorders.querysets import LOCKED_WITH
from wrench.workorders.services.common import check_site
from wrench.workorders.services.move import _known_status, checked_move
from wrench.workorders.signals import work_order_transitioned
from wrench.workorders.writes import as_stored, columns

MAX_MANY = 20_000


def transition_many(
    work_orders: Sequence[WorkOrder],
    to: str,
    *,
    actor: User | System,
    reason: str | Mapping[int, str] = "",
) -> list[WorkOrder]:
    """Move every one of `work_orders` to `to` as `transition()` would, in one transaction.

    `reason` is one text for all, or a text per work order id. Returns the moved work
    orders (locked copies, in the order given). Conflict / NotAllowed naming the first work
    order that may not move; then nothing changes."""
    _known_status(to)
    if not work_orders:
        return []
    if len(work_orders) > MAX_MANY:
        raise ValueError(f"at most {MAX_MANY} work orders at once")
    for site_id in {wo.site_id for wo in work_orders}:
        check_site(actor, site_id)
    ids = [wo.pk for wo in work_orders]
    with transaction.atomic():
        locked = {
            wo.pk: wo
            for wo in WorkOrder.objects.select_for_update(of=("self",))
            .select_related(*LOCKED_WITH)
            .filter(pk__in=ids)
        }
        missing = [wo.number for wo in work_orders if wo.pk not in locked]
        if missing:
            raise NotFound(f"no work order {', '.join(missing[:5])}")
        orders = [locked[pk] for pk in ids]
        checked: list[tuple[WorkOrder, Rule, Move]] = []
        for wo in orders:
            why = reason if isinstance(reason, str) else reason.get(wo.pk, "")
            fired, move = checked_move(wo, to, actor, why)
            checked.append((wo, fired, move))
        now = clock.now()
        person = None if isinstance(actor, System) else actor
        events = []
        for wo, _fired, move in checked:
            events.append(
                WorkOrderEvent(
                    site_id=wo.site_id,
                    work_order=wo,
                    from_status=wo.status,
                    to_status=to,
                    actor=person,
                    automatic=person is None,
                    reason=move.reason,
                    at=now,
                )
            )
            wo.status, wo.status_changed_at = to, now
        WorkOrderEvent.objects.bulk_create(events, batch_size=500)
        for (_wo, fired, move), event in zip(checked, events, strict=True):
            for effect in fired.effects:
                effect(move, event)
        stamp = timezone.now()  # what save_changed() writes
        for wo in orders:
            wo.updated_at = stamp
        update_rows(orders, columns())
        write_history(orders, user_id=None if person is None else person.pk, at=stamp, kind=CHANGED)
        for wo, event in zip(orders, events, strict=True):
            work_order_transitioned.send(sender=WorkOrder, work_order=wo, event=event)
            as_stored(wo)
    return orders
