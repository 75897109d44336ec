"""The filters of the PM lists, shared by the API and the pages."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Q, QuerySet
from pydantic import Field

from wrench.core.filters import FilterSchema


class PlanFilter(FilterSchema):
    """PM plans at your sites, in the order they were written."""

    ORDERING: ClassVar[tuple[str, ...]] = ("id",)

    site: str | None = Field(None, max_length=40, description="Site code")
    asset: str | None = Field(None, max_length=40, description="Asset code")
    active: bool | None = Field(None, description="true: active plans; false: paused ones")
    q: str | None = Field(None, max_length=200, description="Text in the title")

    def apply(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if self.site:
            qs = qs.filter(site__code=self.site)
        if self.asset:
            qs = qs.filter(asset__code=self.asset)
        if self.active is not None:
            qs = qs.filter(active=self.active)
        if self.q:
            qs = qs.filter(Q(title__icontains=self.q.strip()))
        return qs


class MeterFilter(FilterSchema):
    """Meters at your sites, by asset."""

    ORDERING: ClassVar[tuple[str, ...]] = ("id",)

    asset: str | None = Field(None, max_length=40, description="Asset code")

    def apply(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if self.asset:
            qs = qs.filter(asset__code=self.asset)
        return qs
