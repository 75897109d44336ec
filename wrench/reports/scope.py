"""Which work orders a report covers: what the user may see, narrowed by the one filter.

Reports take the same query parameters as the work order list (`site`, `area`, `asset`
subtree, codes, …) through `WorkOrderFilter`, plus their own (`from`, `to`, `by`, …).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from wrench.accounts.models import User
from wrench.workorders.filters import WorkOrderFilter
from wrench.workorders.models import WorkOrder

# Parameters reports read themselves; the work order filter never sees them.
REPORT_PARAMS = (
    "from",
    "to",
    "by",
    "cross",
    "same",
    "format",
    "table",
    "hours_per_week",
    "grace",
    "limit",
    "page",
)


def work_orders(user: User, query: Mapping[str, Any] | None = None) -> QuerySet[WorkOrder]:
    """The user's work orders narrowed by the filter in `query`, unordered (for aggregates).

    Raises ValidationFailed (400) naming a bad filter value and what is allowed.
    """
    flt = WorkOrderFilter.from_query(query or {}, ignore=REPORT_PARAMS)
    # order_by() clears the list ordering: it would otherwise join every GROUP BY.
    return flt.apply(WorkOrder.objects.visible_to(user), user=user).order_by()


def site_ids(qs: QuerySet[WorkOrder], user: User) -> list[int]:
    return sorted(user.site_ids())
