"""Filters of the coding lists: characteristics (with their values), by site and position."""

from __future__ import annotations

from typing import ClassVar

from wrench.core.filters import SiteFilter


class CharacteristicFilter(SiteFilter):
    """Characteristics by site, then their position on the form."""

    ORDERING: ClassVar[tuple[str, ...]] = ("site_id", "position", "key")
