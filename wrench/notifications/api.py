"""API: my inbox. `GET /notifications` (mine, newest first), mark one or all read, and my
e-mail preference. The same messages the outbox e-mails (when the person wants e-mail)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from wrench.accounts.access import user_of
from wrench.core.filters import parameters
from wrench.core.paging import request_page
from wrench.core.schemas import answers
from wrench.notifications import inbox, services
from wrench.notifications.filters import InboxFilter
from wrench.notifications.models import Message
from wrench.notifications.schemas import (
    InboxOut,
    NotificationOut,
    PreferenceIn,
    PreferenceOut,
    ReadAllOut,
)

router = Router(tags=["notifications"])
INBOX_PER_PAGE = 50


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


@router.get(
    "/notifications",
    response=answers({200: InboxOut}, 400),
    openapi_extra={"parameters": parameters(InboxFilter, default_limit=INBOX_PER_PAGE)},
)
def notifications(request: HttpRequest) -> dict[str, Any]:
    """My notifications, newest first, with how many are unread.

    Paged by cursor: send `next_cursor` back as `?cursor=` for the next page."""
    user = user_of(request)
    flt = InboxFilter.from_query(request.GET)
    qs = inbox.mine(user)
    if flt.unread:
        qs = qs.filter(read_at__isnull=True)
    got = request_page(qs, flt.ordering(), request.GET, default_limit=INBOX_PER_PAGE)
    return {
        "unread": inbox.mine(user).filter(read_at__isnull=True).count(),
        "items": [_out(m) for m in got.items],
        "next_cursor": got.next_cursor,
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
