"""The lifecycle table's effects of approval routing (workorders/lifecycle.py names them).

Entering WA (approval) or WL (re-approval) routes the work order: an Approval row naming the
approver of the first matching rule. Leaving WA or WL records the decision on that row (who,
when, how much, approved, rejected or withdrawn). Both run in the transition's transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wrench.approvals.models import Approval, Decision
from wrench.approvals.routing import APPROVED_BY, WAITING, rule_for
from wrench.workorders.status import Status

if TYPE_CHECKING:
    from wrench.workorders.lifecycle import Move
    from wrench.workorders.models import WorkOrderEvent


def route_for_approval(move: Move, event: WorkOrderEvent) -> None:
    """Route for approval: an Approval row naming the approver of the first matching rule
    (cost centre of the asset, band of the estimate)."""
    work_order = move.work_order
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


def record_decision(move: Move, event: WorkOrderEvent) -> None:
    """Record the approver's decision (approved, rejected, or withdrawn by a cancellation) on
    the pending approval, with the approved amount; nothing when none is pending."""
    if event.from_status not in WAITING:
        return
    approved = APPROVED_BY.get(Status(event.from_status)) == event.to_status
    decision = (
        Decision.APPROVED
        if approved
        else Decision.REJECTED
        if event.to_status == Status.RJ
        else Decision.WITHDRAWN
    )
    Approval.objects.pending().filter(work_order=move.work_order).update(
        decision=decision,
        decided_by=event.actor,
        decided_at=event.at,
        approved_amount=move.work_order.approved_amount if approved else None,
        note=event.reason,
    )
