"""Filters of the report catalog list (no filters; in the catalog's order)."""

from __future__ import annotations

from wrench.core.filters import FilterSchema
from wrench.core.paging import Ordering


class ReportListFilter(FilterSchema):
    """The reports there are, in the catalog's order (a list in code, paged in memory)."""

    def ordering(self) -> Ordering:
        return Ordering((("position", False),))
