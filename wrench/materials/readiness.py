"""Is a work order's material all there? The lifecycle's readiness guard and the automatic
move that follows from it. The rule itself is `MaterialLine.objects.outstanding()` (one
definition, also read by the reports)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from wrench.materials.models import LineKind, MaterialLine
from wrench.workorders.models import WorkOrder
from wrench.workorders.status import Status

if TYPE_CHECKING:
    from wrench.workorders.lifecycle import Move


def _qty(value: Decimal) -> str:
    return f"{value.normalize():f}"


def outstanding(work_order_id: int) -> list[str]:
    """One sentence per material line still outstanding; empty when everything is on hand."""
    lines = (
        MaterialLine.objects.filter(work_order_id=work_order_id)
        .outstanding()
        .select_related("storeroom")
        .order_by("id")
    )
    problems = []
    for line in lines:
        if line.kind == LineKind.DIRECT:
            problems.append(
                f"{_qty(line.quantity - line.received)} {line.unit} {line.description} "
                "(direct purchase) not received"
            )
            continue
        free = max(line.on_hand_now - line.ahead, Decimal(0))  # type: ignore[attr-defined]
        problems.append(
            f"{_qty(line.quantity)} {line.unit} {line.description} reserved at "
            f"{line.storeroom.code if line.storeroom else '?'}, {_qty(free)} on hand for it"
        )
    return problems


def materials_on_hand(move: Move) -> str | None:
    """Nothing outstanding: every direct purchase received, every reservation on hand."""
    problems = outstanding(move.work_order.pk)
    return "material outstanding: " + "; ".join(problems) if problems else None


def follow_material(work_order_id: int, *, cause: str) -> WorkOrder:
    """The spec's automatic move WM → RS: the last material received and on hand. Locks the
    work order first, so two receipts arriving together are judged one after the other and
    exactly one of them moves it.
    """
    from wrench.workorders.services import SYSTEM, transition

    wo = WorkOrder.objects.locked(work_order_id)
    if wo.status == Status.WM and not outstanding(wo.pk):
        return transition(
            wo, Status.RS, actor=SYSTEM, reason=f"last material received and on hand ({cause})"
        )
    return wo
