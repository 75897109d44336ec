"""The lifecycle table's effects on stock (workorders/lifecycle.py names them)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from wrench.materials.models import MaterialLine, StockLevel

if TYPE_CHECKING:
    from wrench.workorders.lifecycle import Move
    from wrench.workorders.models import WorkOrderEvent


def _settle(move: Move, *, issue: bool) -> None:
    lines = MaterialLine.objects.reservations().filter(work_order=move.work_order).order_by("id")
    for line in lines:
        level = StockLevel.objects.select_for_update().get(
            stock_item=line.stock_item, storeroom=line.storeroom
        )
        level.reserved = max(level.reserved - line.quantity, Decimal(0))
        if issue:
            level.on_hand = max(level.on_hand - line.quantity, Decimal(0))
        level.save(update_fields=["reserved", "on_hand"])
    lines.update(released=True)


def issue_reserved_stock(move: Move, event: WorkOrderEvent) -> None:
    """Issue the reserved stock: physically complete work used it (off hand, no longer
    reserved)."""
    _settle(move, issue=True)


def release_reserved_stock(move: Move, event: WorkOrderEvent) -> None:
    """Release the reserved stock back to the storeroom: the work will not be done."""
    _settle(move, issue=False)
