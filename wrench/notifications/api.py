"""API: my inbox. `GET /notifications` (mine, newest first), mark one or all read, and my
e-mail preference. The same messages the outbox e-mails (when the person wants e-mail)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from wrench.accounts.access import user_of
from wrench.core.schemas import answers
from wrench.notifications import inbox, services
from wrench.notifications.models import Message
from wrench.notifications.schemas import (
    InboxOut,
    InboxQuery,
    NotificationOut,
    PreferenceIn,
    PreferenceOut,
    ReadAllOut,
)

router = Router(tags=["notifications"])


def _out(m: Message) -> dict[str, Any]:
    return {
        "id": m.pk,
        "subject": m.subject,
        "body": m.body,
        "work_order": m.work_order.number if m.work_order else None,
        "created_at": m.created_at,
        "read": m.read_at is not None,
        "read_at": m.read_at,
        "email": m.status,
    }


@router.get("/notifications", response=answers({200: InboxOut}, 400))
def notifications(request: HttpRequest, q: Query[InboxQuery]) -> dict[str, Any]:
    """My notifications, newest first, with how many are unread."""
    user = user_of(request)
    qs = inbox.mine(user)
    if q.unread:
        qs = qs.filter(read_at__isnull=True)
    return {
        "unread": inbox.mine(user).filter(read_at__isnull=True).count(),
        "items": [_out(m) for m in qs[: q.limit]],
    }


@router.post("/notifications/read-all", response=answers({200: ReadAllOut}, 400))
def read_all(request: HttpRequest) -> dict[str, int]:
    """Mark every unread notification of mine read."""
    return {"marked": inbox.mark_all_read(actor=user_of(request))}


@router.post("/notifications/{id}/read", response=answers({200: NotificationOut}, 404))
def read_one(request: HttpRequest, id: int) -> dict[str, Any]:
    """Mark one of my notifications read. 404 when it is not in my inbox."""
    return _out(inbox.mark_read(actor=user_of(request), message_id=id))


@router.get("/notifications/preferences", response=answers({200: PreferenceOut}, 400))
def preferences(request: HttpRequest) -> dict[str, bool]:
    """Whether I get e-mail as well as the inbox."""
    return {"email": services.wants_email(user_of(request).pk)}


@router.put("/notifications/preferences", response=answers({200: PreferenceOut}, 400))
def set_preferences(request: HttpRequest, payload: PreferenceIn) -> dict[str, bool]:
    """Turn my e-mail on or off."""
    return {"email": services.set_email(actor=user_of(request), email=payload.email).email}
