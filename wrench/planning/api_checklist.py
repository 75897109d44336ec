"""API: a work order's checklist (inspections) and recording each item's result."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from wrench.accounts.access import user_of
from wrench.core.apiutil import id_path
from wrench.core.schemas import StrictIn, answers
from wrench.planning import checklists
from wrench.planning.models import ChecklistItem
from wrench.workorders.access import work_order

router = Router(tags=["inspections"])


class ResultIn(StrictIn):
    result: str | None = Field(
        None,
        description="pass or fail; for a reading it may be left out (judged by its limits)",
    )
    value: Decimal | str | None = Field(
        None, description="The reading (reading items only); outside its limits it is a fail"
    )
    note: str = Field("", max_length=1000, description="What was seen")


class ChecklistItemOut(Schema):
    item: int
    text: str
    kind: str
    low: Decimal | None
    high: Decimal | None
    unit: str
    inspection_kind: str
    job_plan: str | None
    result: str
    value: Decimal | None
    note: str
    recorded_by: str | None
    recorded_at: Any
    follow_up: str | None
    meter: str | None = Field(None, description="The asset's meter the reading feeds (pm)")


class ChecklistOut(Schema):
    work_order: str
    status: str
    recording: bool = Field(..., description="Whether results may be recorded now (IP)")
    items: list[ChecklistItemOut]


class RecordedOut(ChecklistItemOut):
    pass


def item_out(i: ChecklistItem) -> dict[str, Any]:
    return {
        "item": i.number,
        "text": i.text,
        "kind": i.kind,
        "low": i.low,
        "high": i.high,
        "unit": i.unit,
        "inspection_kind": i.inspection_kind,
        "job_plan": i.job_plan.code if i.job_plan else None,
        "result": i.result,
        "value": i.value,
        "note": i.note,
        "recorded_by": i.recorded_by.username if i.recorded_by else None,
        "recorded_at": i.recorded_at,
        "follow_up": i.follow_up.number if i.follow_up else None,
        "meter": i.meter_name if i.meter_id else None,
    }


@router.get("/work-orders/{number}/checklist", response=answers({200: ChecklistOut}, 401, 404))
def checklist(request: HttpRequest, number: str) -> dict[str, Any]:
    """The checks copied from the work order's job plans, with their results and the
    corrective request each failed check raised."""
    wo = work_order(request, number)
    items = ChecklistItem.objects.filter(work_order=wo).select_related(
        "job_plan", "recorded_by", "follow_up"
    )
    return {
        "work_order": wo.number,
        "status": wo.status,
        "recording": wo.status in checklists.RECORDING,
        "items": [item_out(i) for i in items],
    }


@router.post("/work-orders/{number}/checklist/{item}", response=answers({200: RecordedOut}))
def record(
    request: HttpRequest,
    number: str,
    payload: ResultIn,
    item: int = id_path("Checklist item number on the work order (1, 2, …)"),
) -> dict[str, Any]:
    """Record a check's result while the work is in progress (IP; 409 otherwise). A fail,
    or a reading outside its limits, raises one corrective request initiated by the
    inspection's kind; `follow_up` is its number (null while the check has not failed)."""
    wo = work_order(request, number)
    done = checklists.record_result(
        wo,
        actor=user_of(request),
        number=item,
        result=payload.result,
        value=payload.value,
        note=payload.note,
    )
    return item_out(done)
