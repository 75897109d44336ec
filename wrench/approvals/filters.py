"""Filters of the approvals lists: routing rules (by site, cost centre, band) and what waits
for your approval (oldest first)."""

from __future__ import annotations

from typing import ClassVar

from wrench.core.filters import FilterSchema


class RuleFilter(FilterSchema):
    """Approval routing rules by site, cost centre (any last) and the band's lower bound."""

    ORDERING: ClassVar[tuple[str, ...]] = ("site_id", "cost_centre_id", "min_amount")


class WaitingFilter(FilterSchema):
    """Work waiting for your approval, oldest routing first."""

    ORDERING: ClassVar[tuple[str, ...]] = ("routed_at", "id")
