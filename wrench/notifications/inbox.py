"""The in-app inbox: every outbox message to a person, newest first, read or not.

The same rows as e-mail (models.Message): a work order rejected, cancelled or closed (to the
originator and prior approvers), waiting for your approval, assigned to you or moved on your
schedule, the daily emergency report. Reading one in the app never changes its e-mail.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from wrench.accounts.models import User
from wrench.core import clock
from wrench.core.errors import NotFound
from wrench.notifications.models import Message

UNREAD_CAP = 99  # the bell shows "99+" beyond this, so counting stays cheap


def mine(user: User) -> QuerySet[Message]:
    """The person's messages at the sites they work at, newest first."""
    return (
        Message.objects.filter(recipient=user, site_id__in=user.site_ids())
        .select_related("work_order")
        .order_by("-created_at", "-id")
    )


def unread_count(user: User) -> int:
    return mine(user).filter(read_at__isnull=True).order_by().values("id")[: UNREAD_CAP + 1].count()


def bell_label(user: User) -> str:
    n = unread_count(user)
    return f"{UNREAD_CAP}+" if n > UNREAD_CAP else str(n)


def mark_read(*, actor: User, message_id: int) -> Message:
    """Mark one of your messages read (again is fine). 404 for anyone else's."""
    with transaction.atomic():
        msg = mine(actor).select_for_update(of=("self",)).filter(pk=message_id).first()
        if msg is None:
            raise NotFound(f"no message {message_id} in your inbox")
        if msg.read_at is None:
            msg.read_at = clock.now()
            msg.save(update_fields=["read_at"])
        return msg


def mark_all_read(*, actor: User) -> int:
    """Mark every unread message of yours read; how many were."""
    with transaction.atomic():
        return Message.objects.filter(
            pk__in=mine(actor).filter(read_at__isnull=True).values("pk")
        ).update(read_at=clock.now())
