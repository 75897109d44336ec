"""The lifecycle table's planning effects (workorders/lifecycle.py names them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wrench.planning.models import JobPlanUse

if TYPE_CHECKING:
    from wrench.workorders.lifecycle import Move
    from wrench.workorders.models import WorkOrderEvent


def record_job_plan_feedback(move: Move, event: WorkOrderEvent) -> None:
    """Keep the closing review's feedback on every job plan the work order used."""
    if move.feedback:
        JobPlanUse.objects.filter(work_order=move.work_order).update(
            feedback=move.feedback, feedback_by=event.actor, feedback_at=event.at
        )
