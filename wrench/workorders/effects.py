"""The effects of the lifecycle table (lifecycle.TABLE) on the work order itself.

An effect runs when its row fires, inside transition()'s transaction, after the event row is
written and before the work order row is saved: what it sets on `move.work_order` is saved
with the new status (and its history row); what it writes elsewhere commits or rolls back
with the move.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wrench.workorders.models import WorkOrderCode

if TYPE_CHECKING:
    from wrench.workorders.lifecycle import Move
    from wrench.workorders.models import WorkOrderEvent


def record_approved_amount(move: Move, event: WorkOrderEvent) -> None:
    """The approved amount is recorded: the amount given, or else the current estimate."""
    move.work_order.approved_amount = move.amount_to_approve


def record_completion(move: Move, event: WorkOrderEvent) -> None:
    """The physical completion time, and the findings typed with the move."""
    wo = move.work_order
    wo.completed_at = event.at
    if move.findings:
        wo.findings = move.findings


def record_failure_coding(move: Move, event: WorkOrderEvent) -> None:
    """The failure coding given with the move (problem, cause, remedy), one value each."""
    for value in move.failure.values():
        WorkOrderCode.objects.update_or_create(
            work_order=move.work_order,
            characteristic=value.characteristic,
            defaults={"value": value, "site_id": move.work_order.site_id},
        )


def clear_completion(move: Move, event: WorkOrderEvent) -> None:
    """Reopened work is no longer physically complete."""
    move.work_order.completed_at = None


def record_closing(move: Move, event: WorkOrderEvent) -> None:
    """The closing time."""
    move.work_order.closed_at = event.at
