"""Filters of the lists under one work order (events, comments, attachments) and of an
asset's attachments: no filters but `site` for the asset, each in the order it was written."""

from __future__ import annotations

from typing import ClassVar

from wrench.core.filters import FilterSchema, SiteFilter


class EventFilter(FilterSchema):
    """The lifecycle history, oldest first."""

    ORDERING: ClassVar[tuple[str, ...]] = ("at", "id")


class CommentFilter(FilterSchema):
    """Comments, oldest first."""

    ORDERING: ClassVar[tuple[str, ...]] = ("created_at", "id")


class AttachmentFilter(FilterSchema):
    """A work order's attachments, oldest first."""

    ORDERING: ClassVar[tuple[str, ...]] = ("uploaded_at", "id")


class AssetAttachmentFilter(SiteFilter):
    """An asset's attachments, oldest first (`site` when the tag is at several of yours)."""

    ORDERING: ClassVar[tuple[str, ...]] = ("uploaded_at", "id")
