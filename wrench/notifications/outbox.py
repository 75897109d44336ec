"""The outbox: messages written in the transaction of what they tell, sent by a task.

Who is told what when a work order moves is in notifications/effects.py (the lifecycle
table names those effects on its rows).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q

from wrench.accounts.models import User
from wrench.approvals.models import Approval
from wrench.approvals.routing import pending_approval
from wrench.core import clock
from wrench.notifications.models import Message
from wrench.workorders.status import Status

if TYPE_CHECKING:
    from wrench.workorders.models import WorkOrder, WorkOrderEvent


def approvers(work_order: WorkOrder) -> list[User]:
    """Who the pending approval waits for: the named person, or the role's holders at the site."""
    pending = pending_approval(work_order)
    if pending is None:
        return []
    if pending.approver is not None:
        return [pending.approver]
    people = User.objects.filter(is_active=True, sites=work_order.site_id)
    if pending.approver_role:
        return list(people.filter(groups__name=pending.approver_role))
    # No rule routed it: whoever holds the approve permission and may approve this amount.
    return list(
        people.filter(
            Q(groups__permissions__codename="approve_workorder")
            | Q(user_permissions__codename="approve_workorder")
        )
        .filter(Q(approval_limit__isnull=True) | Q(approval_limit__gte=pending.amount))
        .distinct()
    )


def prior_approvers(work_order: WorkOrder) -> list[User]:
    ids = (
        Approval.objects.filter(work_order=work_order, decided_by__isnull=False)
        .values_list("decided_by", flat=True)
        .distinct()
    )
    return list(User.objects.filter(pk__in=list(ids)))


def write_messages(
    work_order: WorkOrder, event: WorkOrderEvent, recipients: dict[int, tuple[User, str]]
) -> None:
    """One outbox row per recipient (with why they are told) for `event`; sent by a task
    after the transaction commits, so a rolled-back change tells nobody."""
    if event.actor_id is not None:
        recipients.pop(event.actor_id, None)  # nobody is told what they just did themselves
    if not recipients:
        return
    label = Status(event.to_status).label
    by = event.actor.username if event.actor else "the system"
    subject = f"{work_order.number} {label.lower()}: {work_order.title}"[:200]
    for person, why in recipients.values():
        body = (
            f'Work order {work_order.number} "{work_order.title}" is now {event.to_status} '
            f"({label}), by {by} on {event.at:%Y-%m-%d %H:%M}.\n"
            + (f"Reason: {event.reason}\n" if event.reason else "")
            + f"\nYou are told because {why}.\n"
        )
        Message.objects.get_or_create(
            event=event,
            recipient=person,
            defaults={
                "site_id": work_order.site_id,
                "work_order": work_order,
                "subject": subject,
                "body": body,
                "next_attempt_at": event.at,
                "created_at": event.at,
            },
        )
    transaction.on_commit(_enqueue)


def _enqueue() -> None:
    from wrench.notifications.tasks import send_notifications

    try:
        send_notifications.enqueue()
    except Exception:  # never let the outbox block or break the request
        import logging

        logging.getLogger(__name__).exception("could not enqueue send_notifications")


def tell(
    *,
    person: User,
    site_id: int,
    subject: str,
    body: str,
    work_order: WorkOrder | None = None,
    at: dt.datetime | None = None,
) -> Message:
    """One message to one person that no lifecycle event caused (a hand-over, a reminder):
    in their inbox, and e-mailed as they prefer after the transaction commits."""
    at = at or clock.now()
    msg = Message.objects.create(
        site_id=site_id,
        recipient=person,
        work_order=work_order,
        subject=subject[:200],
        body=body,
        next_attempt_at=at,
        created_at=at,
    )
    transaction.on_commit(_enqueue)
    return msg
