"""Which approver a work order goes to, and the lifecycle guard that holds them to it.

Entering WA (approval) or WL (re-approval) writes an Approval row naming the approver from
the first matching rule; leaving it records the decision (who, when, how much). Both happen
in the transaction of the transition, through `work_order_transitioned`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from wrench.approvals.models import Approval, ApprovalRule, Decision
from wrench.workorders.status import Status

if TYPE_CHECKING:
    from wrench.workorders.lifecycle import Move
    from wrench.workorders.models import WorkOrder, WorkOrderEvent

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


def route_on_transition(sender: Any, *, work_order: WorkOrder, event: WorkOrderEvent, **_: Any):
    if event.from_status in WAITING:
        _decide(work_order, event)
    if event.to_status in WAITING:
        amount = work_order.estimated_cost
        rule = rule_for(work_order, amount)
        Approval.objects.create(
            site_id=work_order.site_id,
            work_order=work_order,
            reapproval=event.to_status == Status.WL,
            amount=amount,
            rule=rule,
            approver_role=rule.approver_role if rule else "",
            approver=rule.approver if rule else None,
            routed_at=event.at,
        )


def _decide(work_order: WorkOrder, event: WorkOrderEvent) -> None:
    approved = APPROVED_BY.get(Status(event.from_status)) == event.to_status
    decision = (
        Decision.APPROVED
        if approved
        else Decision.REJECTED
        if event.to_status == Status.RJ
        else Decision.WITHDRAWN
    )
    Approval.objects.pending().filter(work_order=work_order).update(
        decision=decision,
        decided_by=event.actor,
        decided_at=event.at,
        approved_amount=work_order.approved_amount if approved else None,
        note=event.reason,
    )


def pending_approval(work_order: WorkOrder) -> Approval | None:
    return (
        Approval.objects.pending().filter(work_order=work_order).select_related("approver").first()
    )


def check_routed_approver(move: Move) -> str | None:
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
