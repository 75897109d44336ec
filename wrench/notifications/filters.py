"""Filter of the inbox list: mine, newest first; `unread` keeps the unread ones."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from wrench.core.filters import FilterSchema


class InboxFilter(FilterSchema):
    """My notifications, newest first."""

    ORDERING: ClassVar[tuple[str, ...]] = ("-created_at", "-id")

    unread: bool = Field(False, description="Only the unread ones")
