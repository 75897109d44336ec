"""Filters of the materials lists: requisitions and stock items (API and pages alike)."""

from __future__ import annotations

from typing import ClassVar, Literal

from django.db.models import Q, QuerySet
from pydantic import Field

from wrench.core.filters import FilterSchema
from wrench.materials.models import Requisition, StockItem


class RequisitionFilter(FilterSchema):
    """Purchase requisitions, newest first."""

    ORDERING: ClassVar[tuple[str, ...]] = ("-raised_at", "-id")

    status: Literal["open", "approved", "rejected"] | None = Field(
        None, description="open, approved or rejected"
    )

    def apply(self, qs: QuerySet[Requisition]) -> QuerySet[Requisition]:
        if self.status:
            qs = qs.filter(status=self.status)
        return qs


class StockItemFilter(FilterSchema):
    """Stock items by site and code."""

    ORDERING: ClassVar[tuple[str, ...]] = ("site_id", "code", "id")

    q: str | None = Field(None, max_length=200, description="Text in the code or name")

    def apply(self, qs: QuerySet[StockItem]) -> QuerySet[StockItem]:
        if self.q:
            text = self.q.strip()
            qs = qs.filter(Q(code__icontains=text) | Q(name__icontains=text))
        return qs
