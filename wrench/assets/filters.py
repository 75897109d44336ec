"""Filters of the plant lists: sites, areas, cost centres, trades, assets, a subtree and an
asset's downtime (each pages by cursor in the order named here)."""

from __future__ import annotations

from typing import ClassVar

from django.db.models import Q, QuerySet
from pydantic import Field

from wrench.assets.models import Asset
from wrench.core.filters import PAGING, FilterSchema, SiteFilter


class SiteListFilter(FilterSchema):
    """The sites you are a member of, by code (no filters)."""

    ORDERING: ClassVar[tuple[str, ...]] = ("code",)


class CodedFilter(SiteFilter):
    """Areas, cost centres and trades: by site, then code."""

    ORDERING: ClassVar[tuple[str, ...]] = ("site_id", "code")


class AssetFilter(SiteFilter):
    """Equipment by site, then code; `q` in the code or name. Keeps `offset` (pre-cursor)."""

    ORDERING: ClassVar[tuple[str, ...]] = ("site_id", "code")
    NOT_FILTERS: ClassVar[tuple[str, ...]] = (*PAGING, "offset")

    q: str | None = Field(None, max_length=200, description="Text in the code or name")

    def apply(self, qs: QuerySet[Asset]) -> QuerySet[Asset]:
        if self.q:
            qs = qs.filter(Q(code__icontains=self.q) | Q(name__icontains=self.q))
        return qs


class SubtreeFilter(SiteFilter):
    """An asset and everything below it, in tree order (its materialised path)."""

    ORDERING: ClassVar[tuple[str, ...]] = ("path",)


class DowntimeFilter(SiteFilter):
    """An asset's downtime periods, latest first."""

    ORDERING: ClassVar[tuple[str, ...]] = ("-started_at", "-id")
