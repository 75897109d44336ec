"""The work order an API request names, if it is at one of the caller's sites (404 otherwise)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from wrench.accounts.access import user_of
from wrench.core.errors import NotFound
from wrench.workorders.models import WorkOrder


def work_order(request: HttpRequest, number: str) -> WorkOrder:
    """The work order `number` if it is at one of the user's sites; 404 otherwise."""
    found = (
        WorkOrder.objects.visible_to(user_of(request))
        .select_related("site", "urgency")
        .filter(number=number)
        .first()
    )
    if found is None:
        raise NotFound(f"no work order {number!r} at your sites")
    return found


def detail_of(request: HttpRequest, number: str) -> dict[str, Any]:
    """The work order as it is now (after a service changed it), as WorkOrderOut."""
    from wrench.workorders.schemas import detail

    wo = WorkOrder.objects.visible_to(user_of(request)).with_coding().get(number=number)
    return detail(wo)
