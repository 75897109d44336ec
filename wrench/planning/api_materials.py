"""API: material planned onto a work order (stock reservations and direct purchases).

Served by planning, not materials: adding material rolls the work order's estimate up from its
labour and material (planning/estimate.py), and planning is the app that sees both. The
schemas and the answer are materials' own.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from wrench.accounts.access import user_of
from wrench.core.apiutil import by_code
from wrench.core.schemas import answers
from wrench.materials.api import work_order_materials
from wrench.materials.models import StockItem, Storeroom
from wrench.materials.schemas import MaterialIn, MaterialsOut
from wrench.planning import services
from wrench.workorders.access import work_order

router = Router(tags=["materials"])


@router.get("/work-orders/{number}/materials", response=answers({200: MaterialsOut}, 401, 404))
def materials(request: HttpRequest, number: str) -> dict[str, Any]:
    """Material lines (reservations and direct purchases) and what is still outstanding."""
    return work_order_materials(request, number)


@router.post("/work-orders/{number}/materials", response=answers({201: MaterialsOut}))
def add_material(request: HttpRequest, number: str, payload: MaterialIn) -> Status[dict[str, Any]]:
    """Reserve a stock item from a storeroom, or add a direct purchase (description and unit
    cost). The estimate is rolled up (above the approved amount plus variance → WL)."""
    wo = work_order(request, number)
    services.add_material(
        wo,
        actor=user_of(request),
        quantity=payload.quantity,
        stock_item=by_code(StockItem, wo.site_id, "stock_item", payload.stock_item),
        storeroom=by_code(Storeroom, wo.site_id, "storeroom", payload.storeroom),
        description=payload.description,
        unit=payload.unit or "EA",
        unit_cost=payload.unit_cost,
    )
    return Status(201, work_order_materials(request, number))
