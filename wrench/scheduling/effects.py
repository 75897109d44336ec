"""What a status change elsewhere does to the schedule: effect functions named on the rows
of the lifecycle table (`workorders/lifecycle.py`) by dotted path, called by `transition()`
in the same transaction, `def effect(move, event) -> None`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from wrench.scheduling.models import ScheduleItem, WeekStatus

if TYPE_CHECKING:
    from wrench.workorders.lifecycle import Move
    from wrench.workorders.models import WorkOrderEvent

OPEN_WEEKS = (WeekStatus.DRAFT, WeekStatus.FROZEN)


def take_off_schedule(move: Move, event: WorkOrderEvent) -> None:
    """Cancelled, or moved back to RS on its page: the work leaves every week not yet closed
    (a frozen week's baseline keeps it, so compliance still counts it as planned)."""
    ScheduleItem.objects.filter(
        work_order_id=move.work_order.pk, schedule__status__in=OPEN_WEEKS
    ).delete()


def release_later_days(move: Move, event: WorkOrderEvent) -> None:
    """Physically complete: its hours on the days after today are free again."""
    today = timezone.localdate(event.at)
    ScheduleItem.objects.filter(
        work_order_id=move.work_order.pk, schedule__status__in=OPEN_WEEKS, day__gt=today
    ).delete()
