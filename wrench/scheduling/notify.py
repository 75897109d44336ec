"""Telling technicians: an outbox row (notifications app) when work is assigned to them,
moved, or taken off their days. Written in the placing transaction, sent later by the task."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction

from wrench.accounts.models import User
from wrench.core import clock
from wrench.notifications.models import Message
from wrench.scheduling.models import ScheduleItem, ScheduleWeek
from wrench.workorders.lifecycle import System
from wrench.workorders.models import WorkOrder

log = logging.getLogger(__name__)


def _tell(
    wo: WorkOrder, people: Iterable[User], actor: User | System | None, subject: str, body: str
) -> None:
    now = clock.now()
    skip = actor.pk if isinstance(actor, User) else None
    rows = [
        Message(
            site_id=wo.site_id,
            recipient=person,
            work_order=wo,
            subject=subject[:200],
            body=body,
            next_attempt_at=now,
            created_at=now,
        )
        for person in {p.pk: p for p in people}.values()
        if person.pk != skip
    ]
    if rows:
        Message.objects.bulk_create(rows)
        transaction.on_commit(enqueue)


def placed(
    wo: WorkOrder,
    week: ScheduleWeek,
    items: list[ScheduleItem],
    actor: User | System | None,
    *,
    moved: bool,
) -> None:
    days: dict[User, list[str]] = {}
    for item in items:
        for person in item.people.all():
            days.setdefault(person, []).append(f"{item.day:%a %d %b}")
    for person, when in days.items():
        what = "moved" if moved else "assigned to you"
        body = (
            f'Work order {wo.number} "{wo.title}" is {what} on schedule {week.week}: '
            f"crew {items[0].crew.code}, {', '.join(dict.fromkeys(when))}.\n"
            f"See it on My work: /my/work/\n"
        )
        _tell(wo, [person], actor, f"{wo.number} on your schedule {week.week}: {wo.title}", body)


def removed(wo: WorkOrder, week: ScheduleWeek, actor: User | System | None) -> None:
    if wo.assigned_to_id is None:
        return
    people = User.objects.filter(pk=wo.assigned_to_id)
    body = f'Work order {wo.number} "{wo.title}" was taken off schedule {week.week}.\n'
    _tell(wo, people, actor, f"{wo.number} off the schedule {week.week}", body)


def enqueue() -> None:
    from wrench.notifications.tasks import send_notifications

    try:
        send_notifications.enqueue()
    except Exception:  # never let the outbox block or break the request
        log.exception("could not enqueue send_notifications")
