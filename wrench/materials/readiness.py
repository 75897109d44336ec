"""Is a work order's material all there? And the automatic move that follows from it.

Outstanding material is a direct purchase not fully received, or a stock reservation the
storeroom's quantity on hand does not cover. Reservations are served first come, first
served: a line is covered when on hand ≥ its quantity plus every earlier open reservation
of the same item in the same storeroom.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Sum

from wrench.materials.models import LineKind, MaterialLine, StockLevel
from wrench.workorders.models import WorkOrder
from wrench.workorders.status import Status

if TYPE_CHECKING:
    from wrench.workorders.lifecycle import Move
    from wrench.workorders.models import WorkOrderEvent


def _qty(value: Decimal) -> str:
    return f"{value.normalize():f}"


def outstanding(work_order_id: int) -> list[str]:
    """One sentence per material line still outstanding; empty when everything is on hand."""
    problems = []
    lines = MaterialLine.objects.filter(work_order_id=work_order_id).select_related(
        "storeroom", "stock_item"
    )
    for line in lines:
        if line.kind == LineKind.DIRECT:
            if line.received < line.quantity:
                problems.append(
                    f"{_qty(line.quantity - line.received)} {line.unit} {line.description} "
                    "(direct purchase) not received"
                )
            continue
        if line.released:
            continue
        on_hand = (
            StockLevel.objects.filter(stock_item=line.stock_item, storeroom=line.storeroom)
            .values_list("on_hand", flat=True)
            .first()
        ) or Decimal(0)
        ahead = MaterialLine.objects.reservations().filter(
            stock_item=line.stock_item, storeroom=line.storeroom, id__lt=line.pk
        ).aggregate(q=Sum("quantity"))["q"] or Decimal(0)
        if on_hand < ahead + line.quantity:
            free = max(on_hand - ahead, Decimal(0))
            problems.append(
                f"{_qty(line.quantity)} {line.unit} {line.description} reserved at "
                f"{line.storeroom.code if line.storeroom else '?'}, {_qty(free)} on hand for it"
            )
    return problems


def materials_on_hand(move: Move) -> str | None:
    """Lifecycle readiness check (→ RS): nothing outstanding."""
    problems = outstanding(move.work_order.pk)
    return "material outstanding: " + "; ".join(problems) if problems else None


def follow_material(work_order_id: int, *, cause: str) -> WorkOrder:
    """The spec's automatic move WM → RS: the last material received and on hand. Locks the
    work order first, so two receipts arriving together are judged one after the other and
    exactly one of them moves it.
    """
    from wrench.workorders.services import SYSTEM, transition

    wo = WorkOrder.objects.select_for_update(of=("self",)).get(pk=work_order_id)
    if wo.status == Status.WM and not outstanding(wo.pk):
        return transition(
            wo, Status.RS, actor=SYSTEM, reason=f"last material received and on hand ({cause})"
        )
    return wo


def release_on_transition(sender: Any, *, work_order: WorkOrder, event: WorkOrderEvent, **_: Any):
    """Physically complete work used its reserved stock; cancelled or rejected work frees it."""
    if event.to_status not in (Status.CO, Status.CA, Status.RJ):
        return
    issue = event.to_status == Status.CO
    lines = MaterialLine.objects.reservations().filter(work_order=work_order).order_by("id")
    for line in lines:
        level = StockLevel.objects.select_for_update().get(
            stock_item=line.stock_item, storeroom=line.storeroom
        )
        level.reserved = max(level.reserved - line.quantity, Decimal(0))
        if issue:
            level.on_hand = max(level.on_hand - line.quantity, Decimal(0))
        level.save(update_fields=["reserved", "on_hand"])
    lines.update(released=True)
