"""Filters of the time charge lists: a work order's (oldest day first) and your own (newest
day first, the last 60 days)."""

from __future__ import annotations

from typing import ClassVar

from wrench.core.filters import FilterSchema


class WorkOrderChargeFilter(FilterSchema):
    """Every time charge on one work order, oldest day first."""

    ORDERING: ClassVar[tuple[str, ...]] = ("date", "id")


class MyChargeFilter(FilterSchema):
    """Your own time charges, newest day first."""

    ORDERING: ClassVar[tuple[str, ...]] = ("-date", "-id")
