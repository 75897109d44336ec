"""Filters of the people list (active people of your sites, by username)."""

from __future__ import annotations

from typing import ClassVar

from wrench.core.filters import SiteFilter


class UserFilter(SiteFilter):
    """Active people of your sites, or of `site`, by username."""

    ORDERING: ClassVar[tuple[str, ...]] = ("username",)
