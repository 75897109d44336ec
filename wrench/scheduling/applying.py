"""Applying a solved week in bulk: the optimiser's placements written with a handful of
statements whatever their number (items, their people, assignees, notifications), and the
status moves through workorders' `transition_many` (the lifecycle's rules per row, one
event per work order, the rows' effects run).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wrench.accounts.models import User
from wrench.assets.models import Crew
from wrench.core import clock
from wrench.core.fastpath import update_rows
from wrench.notifications.models import Message
from wrench.scheduling import problem
from wrench.scheduling.models import ScheduleItem, ScheduleWeek, WeekStatus
from wrench.scheduling.notify import enqueue
from wrench.scheduling.optimiser import Job
from wrench.workorders.history import CHANGED, write_history
from wrench.workorders.models import WorkOrder

Named = dict[tuple[int, str], list[User]]


class Placement:
    """One work order as the optimiser placed it: crew, days and the people named."""

    def __init__(self, wo: WorkOrder, job: Job, crew: Crew, days: list[int], named: Named):
        self.wo, self.job, self.crew, self.days, self.named = wo, job, crew, days, named
        self.hours = 0.0  # on each day, all trades
        self.items: list[tuple[ScheduleItem, int, str]] = []  # item, day index, trade


def write_items(week: ScheduleWeek, plant: problem.Plant, placements: list[Placement]) -> None:
    """ScheduleItem rows of every placement (one INSERT batch) and their people (another)."""
    trades = {t.code: t for t in plant.trades.values()}
    now = clock.now()
    people_of: list[tuple[ScheduleItem, list[User]]] = []
    for p in placements:
        per_trade: dict[str, tuple[int, float]] = {}
        for need in p.job.needs:
            count, hours = per_trade.get(need.trade, (0, 0.0))
            per_trade[need.trade] = (max(count, need.people), hours + need.hours)
        for d in p.days:
            for code, (count, hours) in per_trade.items():
                item = ScheduleItem(
                    site_id=week.site_id,
                    schedule=week,
                    work_order=p.wo,
                    crew=p.crew,
                    trade=trades[code],
                    day=plant.days[d],
                    hours=Decimal(str(round(hours / len(p.days), 2))),
                    people_needed=count,
                    placed_by=None,
                    placed_at=now,
                    break_in=week.status == WeekStatus.FROZEN,
                    over_capacity="",
                )
                p.items.append((item, d, code))
                people_of.append((item, p.named.get((d, code), [])))
    ScheduleItem.objects.bulk_create([i for i, _ in people_of], batch_size=500)
    through = ScheduleItem.people.through
    through.objects.bulk_create(
        [
            through(scheduleitem_id=item.pk, user_id=person.pk)
            for item, people in people_of
            for person in {u.pk: u for u in people}.values()
        ],
        batch_size=1000,
    )


def assign(placements: list[Placement], actor: User) -> None:
    """Each work order's assignee: the first technician named on its first day (one UPDATE
    statement and one history INSERT for all that change)."""
    changed = []
    for p in placements:
        first = next((ps[0] for _, ps in sorted(p.named.items(), key=lambda kv: kv[0]) if ps), None)
        if first is not None and p.wo.assigned_to_id != first.pk:
            p.wo.assigned_to = first
            changed.append(p.wo)
    if not changed:
        return
    now = timezone.now()
    for wo in changed:
        wo.updated_at = now
    update_rows(changed, ("assigned_to_id", "updated_at"))
    write_history(changed, user_id=actor.pk, at=now, kind=CHANGED)


def tell(week: ScheduleWeek, placements: list[Placement], moved: set[int]) -> None:
    """One outbox message per technician and work order, in one INSERT batch."""
    now = clock.now()
    rows = []
    for p in placements:
        days: dict[int, tuple[User, list[str]]] = {}
        for item, d, code in p.items:
            for person in {u.pk: u for u in p.named.get((d, code), [])}.values():
                days.setdefault(person.pk, (person, []))[1].append(f"{item.day:%a %d %b}")
        what = "moved" if p.wo.pk in moved else "assigned to you"
        for person, when in days.values():
            body = (
                f'Work order {p.wo.number} "{p.wo.title}" is {what} on schedule {week.week}: '
                f"crew {p.crew.code}, {', '.join(dict.fromkeys(when))}.\n"
                f"See it on My work: /my/work/\n"
            )
            subject = f"{p.wo.number} on your schedule {week.week}: {p.wo.title}"
            rows.append(
                Message(
                    site_id=p.wo.site_id,
                    recipient=person,
                    work_order=p.wo,
                    subject=subject[:200],
                    body=body,
                    next_attempt_at=now,
                    created_at=now,
                )
            )
    if rows:
        Message.objects.bulk_create(rows, batch_size=500)
        transaction.on_commit(enqueue)
