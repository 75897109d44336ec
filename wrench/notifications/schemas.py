"""API schemas of notifications: what its endpoints take and answer (api modules stay thin)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from wrench.core.schemas import StrictIn


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
    next_cursor: str | None = Field(None, description="The next page's cursor; none: the last")


class ReadAllOut(Schema):
    marked: int


class PreferenceIn(StrictIn):
    email: bool = Field(description="Also send me e-mail (the inbox shows everything anyway)")


class PreferenceOut(Schema):
    email: bool
