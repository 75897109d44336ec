"""API: purchase requisitions, receipts, stock and stock counts (material planned onto a work
order is served by planning/api_materials.py, which rolls it into the estimate)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from wrench.accounts.access import site_of, user_of
from wrench.core.apiutil import id_path, required
from wrench.core.errors import NotFound
from wrench.core.filters import parameters
from wrench.core.paging import MAX_LIMIT, announce_next, request_page
from wrench.core.schemas import answers
from wrench.materials import services
from wrench.materials.filters import RequisitionFilter, StockItemFilter
from wrench.materials.models import (
    MaterialLine,
    Requisition,
    RequisitionLine,
    StockItem,
    StockLevel,
    Storeroom,
)
from wrench.materials.readiness import outstanding
from wrench.materials.schemas import (
    CountIn,
    LevelOut,
    RaiseIn,
    ReceiptOut,
    ReceiveIn,
    RejectIn,
    RequisitionOut,
    StockItemOut,
    StockRequisitionIn,
)
from wrench.workorders.access import work_order

router = Router(tags=["materials"])


def work_order_materials(request: HttpRequest, number: str) -> dict[str, Any]:
    """A work order's material lines and what is outstanding, as MaterialsOut (the planning
    router serves them: planning/api_materials.py)."""
    wo = work_order(request, number)
    lines = list(
        MaterialLine.objects.filter(work_order=wo).select_related(
            "stock_item", "storeroom", "requisition_line__requisition"
        )
    )
    levels = {
        (lv.stock_item_id, lv.storeroom_id): lv.on_hand
        for lv in StockLevel.objects.filter(
            stock_item_id__in={ln.stock_item_id for ln in lines if ln.stock_item_id}
        )
    }
    rows = []
    for ln in lines:
        req_line = getattr(ln, "requisition_line", None)
        rows.append(
            {
                "id": ln.pk,
                "kind": ln.kind,
                "stock_item": ln.stock_item.code if ln.stock_item else None,
                "storeroom": ln.storeroom.code if ln.storeroom else None,
                "description": ln.description,
                "quantity": ln.quantity,
                "unit": ln.unit,
                "unit_cost": ln.unit_cost,
                "received": ln.received,
                "released": ln.released,
                "requisition": req_line.requisition.number if req_line else None,
                "on_hand": levels.get((ln.stock_item_id, ln.storeroom_id or 0), Decimal(0))
                if ln.stock_item_id
                else None,
            }
        )
    return {
        "work_order": wo.number,
        "status": wo.status,
        "lines": rows,
        "outstanding": outstanding(wo.pk),
    }


def requisitions_of(user: Any) -> Any:
    return (
        Requisition.objects.filter(site_id__in=user.site_ids())
        .select_related("site", "work_order", "raised_by", "decided_by")
        .prefetch_related(
            Prefetch("lines", RequisitionLine.objects.select_related("stock_item", "storeroom"))
        )
    )


def _requisition(r: Requisition) -> dict[str, Any]:
    lines = list(r.lines.all())
    return {
        "number": r.number,
        "site": r.site.code,
        "work_order": r.work_order.number if r.work_order else None,
        "status": r.status,
        "total": sum((ln.quantity * ln.unit_cost for ln in lines), Decimal(0)).quantize(
            Decimal("0.01")
        ),
        "raised_by": r.raised_by.username,
        "raised_at": r.raised_at,
        "decided_by": r.decided_by.username if r.decided_by else None,
        "decided_at": r.decided_at,
        "note": r.note,
        "lines": [
            {
                "id": ln.pk,
                "description": ln.description,
                "stock_item": ln.stock_item.code if ln.stock_item else None,
                "storeroom": ln.storeroom.code if ln.storeroom else None,
                "quantity": ln.quantity,
                "unit_cost": ln.unit_cost,
                "received": ln.received,
                "outstanding": ln.outstanding,
            }
            for ln in lines
        ],
    }


def _find(request: HttpRequest, number: str) -> Requisition:
    found = requisitions_of(user_of(request)).filter(number=number).first()
    if found is None:
        raise NotFound(f"no requisition {number!r} at your sites")
    return found


@router.get(
    "/requisitions",
    response=answers({200: list[RequisitionOut]}, 400, 401),
    openapi_extra={"parameters": parameters(RequisitionFilter, default_limit=100)},
)
def requisitions(request: HttpRequest, response: HttpResponse) -> list[dict[str, Any]]:
    """Purchase requisitions at your sites, newest first; `status` open|approved|rejected.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = RequisitionFilter.from_query(request.GET)
    got = request_page(
        flt.apply(requisitions_of(user_of(request))), flt.ordering(), request.GET, default_limit=100
    )
    announce_next(request, response, got.next_cursor)
    return [_requisition(r) for r in got.items]


@router.get("/requisitions/{number}", response=answers({200: RequisitionOut}, 401, 404))
def requisition(request: HttpRequest, number: str) -> dict[str, Any]:
    """One requisition with its lines (PR-000012)."""
    return _requisition(_find(request, number))


@router.post("/work-orders/{number}/requisitions", response=answers({201: RequisitionOut}))
def raise_for_work(request: HttpRequest, number: str, payload: RaiseIn) -> Status[dict[str, Any]]:
    """Requisition every direct purchase of the work order not yet on a requisition."""
    wo = work_order(request, number)
    made = services.raise_requisition(wo, actor=user_of(request), note=payload.note)
    return Status(201, _requisition(_find(request, made.number or "")))


@router.post("/requisitions", response=answers({201: RequisitionOut}))
def raise_for_stock(request: HttpRequest, payload: StockRequisitionIn) -> Status[dict[str, Any]]:
    """Replenish a storeroom: buy stock items into it."""
    site = site_of(request, payload.site)
    store = required(Storeroom, site.pk, "storeroom", payload.storeroom)
    items = [
        (required(StockItem, site.pk, f"items.{i}.stock_item", row.stock_item), row.quantity)
        for i, row in enumerate(payload.items)
    ]
    made = services.raise_stock_requisition(
        actor=user_of(request),
        storeroom=store,
        items=items,
        note=payload.note,
    )
    return Status(201, _requisition(_find(request, made.number or "")))


@router.post("/requisitions/{number}/approve", response=answers({200: RequisitionOut}))
def approve(request: HttpRequest, number: str) -> dict[str, Any]:
    """Approve (order) an open requisition. The first approved requisition of work in the
    backlog starts planning (BL → PL). 403 above your limit and the work's approved amount."""
    services.approve_requisition(_find(request, number), actor=user_of(request))
    return _requisition(_find(request, number))


@router.post("/requisitions/{number}/reject", response=answers({200: RequisitionOut}))
def reject(request: HttpRequest, number: str, payload: RejectIn) -> dict[str, Any]:
    """Reject an open requisition, saying why; its direct purchases may be requisitioned again."""
    services.reject_requisition(
        _find(request, number), actor=user_of(request), reason=payload.reason
    )
    return _requisition(_find(request, number))


@router.post("/requisitions/{number}/lines/{line_id}/receipts", response=answers({201: ReceiptOut}))
def receive(
    request: HttpRequest, number: str, payload: ReceiveIn, line_id: int = id_path("Line id")
) -> Status[dict[str, Any]]:
    """Record material that arrived. More than is still outstanding on the line is a 400.
    Work waiting for material (WM) whose material is now all on hand goes to RS by itself."""
    req = _find(request, number)
    line = next((ln for ln in req.lines.all() if ln.pk == line_id), None)
    if line is None:
        raise NotFound(f"no line {line_id} on {req.number}")
    made = services.receive(line, actor=user_of(request), quantity=payload.quantity)
    line.refresh_from_db()
    return Status(
        201,
        {
            "id": made.pk,
            "requisition": req.number,
            "line": line.pk,
            "quantity": made.quantity,
            "received_at": made.received_at,
            "line_outstanding": line.outstanding,
        },
    )


@router.get(
    "/stock-items",
    response=answers({200: list[StockItemOut]}, 400, 401),
    openapi_extra={"parameters": parameters(StockItemFilter, default_limit=MAX_LIMIT)},
)
def stock_items(request: HttpRequest, response: HttpResponse) -> list[dict[str, Any]]:
    """Stock items at your sites with on-hand and reserved quantity per storeroom.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = StockItemFilter.from_query(request.GET)
    qs = flt.apply(
        StockItem.objects.filter(site_id__in=user_of(request).site_ids())
        .select_related("site")
        .prefetch_related(Prefetch("levels", StockLevel.objects.select_related("storeroom")))
    )
    got = request_page(qs, flt.ordering(), request.GET, default_limit=MAX_LIMIT)
    announce_next(request, response, got.next_cursor)
    return [
        {
            "code": s.code,
            "name": s.name,
            "site": s.site.code,
            "unit": s.unit,
            "unit_cost": s.unit_cost,
            "levels": [
                {"storeroom": lv.storeroom.code, "on_hand": lv.on_hand, "reserved": lv.reserved}
                for lv in s.levels.all()
            ],
        }
        for s in got.items
    ]


@router.post("/stock-counts", response=answers({201: LevelOut}))
def count(request: HttpRequest, payload: CountIn) -> Status[dict[str, Any]]:
    """Record a physical count: on hand becomes the counted quantity (may make WM work ready)."""
    site = site_of(request, payload.site)
    item = required(StockItem, site.pk, "stock_item", payload.stock_item)
    store = required(Storeroom, site.pk, "storeroom", payload.storeroom)
    level = services.count_stock(
        actor=user_of(request), stock_item=item, storeroom=store, on_hand=payload.on_hand
    )
    return Status(
        201, {"storeroom": store.code, "on_hand": level.on_hand, "reserved": level.reserved}
    )
