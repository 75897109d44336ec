"""API: my inbox. `GET /notifications` (mine, newest first), mark one or all read, and my
e-mail preference. The same messages the outbox e-mails (when the person wants e-mail)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from wrench.accounts.access import user_of
from wrench.core.schemas import StrictIn, answers
from wrench.notifications import inbox, services
from wrench.notifications.models import Message

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    subject: str
    body: str
    work_order: str | None = Field(description="Number of the work order it is about, if any")
    created_at: dt.datetime
    read: bool
    read_at: dt.datetime | None
    email: str = Field(description="What e-mail did: pending, sent, failed or skipped")


class InboxOut(Schema):
    unread: int
    items: list[NotificationOut]


class InboxQuery(Schema):
    unread: bool = Field(False, description="Only the unread ones")
    limit: int = Field(50, ge=1, le=500, description="At most this many, newest first")


class ReadAllOut(Schema):
    marked: int


class PreferenceIn(StrictIn):
    email: bool = Field(description="Also send me e-mail (the inbox shows everything anyway)")


class PreferenceOut(Schema):
    email: bool


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
