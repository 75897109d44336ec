"""API: time charges (actual hours) and actual versus estimated hours of a work order."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from wrench.accounts.access import person, user_of
from wrench.assets.models import Trade
from wrench.core import clock
from wrench.core.apiutil import by_code
from wrench.core.filters import parameters
from wrench.core.paging import MAX_LIMIT, answer_page
from wrench.core.schemas import answers
from wrench.labor import services
from wrench.labor.filters import MyChargeFilter, WorkOrderChargeFilter
from wrench.labor.models import TimeCharge
from wrench.labor.schemas import (
    ActualsOut,
    TimeChargeIn,
    TimeChargeOut,
)
from wrench.workorders.access import work_order

router = Router(tags=["labour"])


def _charge(c: TimeCharge) -> dict[str, Any]:
    return {
        "id": c.pk,
        "work_order": c.work_order.number,
        "person": c.person.username,
        "trade": c.trade.code,
        "date": c.date,
        "hours": c.hours,
        "note": c.note,
        "entered_by": c.entered_by.username,
        "entered_at": c.entered_at,
    }


RELATED = ("work_order", "person", "trade", "entered_by")


def _rows(qs: Any) -> list[dict[str, Any]]:
    return [_charge(c) for c in qs.select_related(*RELATED)]


@router.get(
    "/work-orders/{number}/time-charges",
    response=answers({200: list[TimeChargeOut]}, 400, 401, 404),
    openapi_extra={"parameters": parameters(WorkOrderChargeFilter, default_limit=MAX_LIMIT)},
)
def list_charges(request: HttpRequest, response: HttpResponse, number: str) -> list[dict[str, Any]]:
    """Every time charge on the work order, oldest day first.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = WorkOrderChargeFilter.from_query(request.GET)
    wo = work_order(request, number)
    qs = TimeCharge.objects.filter(work_order=wo).select_related(*RELATED)
    rows = answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)
    return [_charge(c) for c in rows]


@router.post("/work-orders/{number}/time-charges", response=answers({201: TimeChargeOut}))
def charge(request: HttpRequest, number: str, payload: TimeChargeIn) -> Status[dict[str, Any]]:
    """Charge hours worked. The first hours on ready or scheduled work start it (→ IP).

    400: hours not in (0, 24], a day in the future or over 60 days back, over 24 h in a day;
    409: the work is not released, or closed, cancelled or rejected.
    """
    wo = work_order(request, number)
    made = services.charge_time(
        wo,
        actor=user_of(request),
        hours=payload.hours,
        date=payload.date,
        person=person(wo.site_id, "person", payload.person),
        trade=by_code(Trade, wo.site_id, "trade", payload.trade),
        note=payload.note,
    )
    return Status(201, _rows(TimeCharge.objects.filter(pk=made.pk))[0])


@router.get(
    "/time-charges/mine",
    response=answers({200: list[TimeChargeOut]}, 400, 401),
    openapi_extra={"parameters": parameters(MyChargeFilter, default_limit=MAX_LIMIT)},
)
def mine(request: HttpRequest, response: HttpResponse) -> list[dict[str, Any]]:
    """Your own time charges of the last 60 days, newest day first.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = MyChargeFilter.from_query(request.GET)
    since = clock.now().date() - dt.timedelta(days=services.MAX_DAYS_BACK)
    qs = TimeCharge.objects.filter(person=user_of(request), date__gte=since)
    rows = answer_page(
        request, response, qs.select_related(*RELATED), flt.ordering(), default_limit=MAX_LIMIT
    )
    return [_charge(c) for c in rows]


@router.get("/work-orders/{number}/labour-actuals", response=answers({200: ActualsOut}, 401, 404))
def actuals(request: HttpRequest, number: str) -> dict[str, Any]:
    """Estimated against actual hours, and the actual hours by trade."""
    wo = work_order(request, number)
    got = services.actual_vs_estimated(wo)
    return {
        "work_order": wo.number,
        "estimated_hours": got.estimated_hours,
        "actual_hours": got.actual_hours,
        "variance_hours": got.variance_hours,
        "by_trade": got.by_trade,
    }
