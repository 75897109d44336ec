"""Which approver a work order goes to, and the lifecycle guard that holds them to it.

The lifecycle table's effects (approvals/effects.py) write the Approval row on entering WA
or WL and record the decision on leaving it; this module finds the rule and the approver.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from wrench.approvals.models import Approval, ApprovalRule
from wrench.workorders.status import Status

if TYPE_CHECKING:
    from wrench.workorders.lifecycle import Move
    from wrench.workorders.models import WorkOrder

WAITING = (Status.WA, Status.WL)
APPROVED_BY = {Status.WA: Status.BL, Status.WL: Status.PL}


def rule_for(work_order: WorkOrder, amount: Decimal) -> ApprovalRule | None:
    """The rule routing `work_order` at `amount`: its asset's cost centre and the cost band."""
    asset = work_order.asset
    cost_centre_id = asset.cost_centre_id if asset is not None else None
    return (
        ApprovalRule.objects.matching(
            site_id=work_order.site_id, cost_centre_id=cost_centre_id, amount=amount
        )
        .select_related("approver")
        .first()
    )


def pending_approval(work_order: WorkOrder) -> Approval | None:
    return (
        Approval.objects.pending().filter(work_order=work_order).select_related("approver").first()
    )


def routed_approver(move: Move) -> str | None:
    """Only the routed approver decides: the named person, or a holder of the routed role.

    No matching rule (or a work order routed before rules existed) leaves the decision to
    anyone holding the approve permission; their approval limit still applies.
    """
    if move.by_system:
        return None
    actor: Any = move.actor
    pending = pending_approval(move.work_order)
    if pending is None or actor.is_superuser:
        return None
    if pending.approver_id is not None:
        if pending.approver_id == actor.pk:
            return None
        return f"{move.work_order.number} is routed to {pending.approver_label} for approval"
    if not pending.approver_role or pending.approver_role in actor.role_names:
        return None
    return (
        f"{move.work_order.number} is routed to the {pending.approver_role} role for approval; "
        f"you are {actor.role_label}"
    )
