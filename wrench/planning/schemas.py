"""API schemas of planning: what its endpoints take and answer (api modules stay thin)."""

from __future__ import annotations

from decimal import Decimal

from ninja import Schema
from pydantic import Field

from wrench.core.apiutil import Hours
from wrench.core.schemas import StrictIn


class EstimateIn(StrictIn):
    trade: str = Field(..., max_length=40, description="Trade code, e.g. MECH")
    hours_each: Hours = Field(..., description="Hours each person works: above 0, at most 500")
    people: int = Field(1, description="Number of people: 1 to 200")
    crew: str | None = Field(None, max_length=40, description="Crew code (optional)")
    note: str = Field("", max_length=200)


class EstimateOut(Schema):
    id: int
    trade: str
    crew: str | None
    people: int
    hours_each: Decimal
    hours: Decimal
    cost: Decimal
    note: str


class EstimatesOut(Schema):
    work_order: str
    status: str
    estimated_hours: Decimal
    estimated_cost: Decimal
    approved_amount: Decimal | None
    items: list[EstimateOut]


class PlanLabourOut(Schema):
    trade: str
    people: int
    hours_each: Decimal


class PlanMaterialOut(Schema):
    stock_item: str | None
    description: str
    quantity: Decimal
    unit_cost: Decimal


class PlanCheckOut(Schema):
    text: str
    kind: str
    low: Decimal | None
    high: Decimal | None
    unit: str


class JobPlanOut(Schema):
    id: int
    site: str
    code: str
    name: str
    description: str
    active: bool
    inspection_kind: str = Field(..., description="O, M, L, V, N, or empty: not an inspection")
    tasks: list[str]
    checklist: list[PlanCheckOut]
    labour: list[PlanLabourOut]
    materials: list[PlanMaterialOut]


class ApplyIn(StrictIn):
    job_plan: str = Field(..., max_length=40, description="Job plan code")
    storeroom: str | None = Field(
        None, max_length=40, description="Storeroom to reserve the plan's stock from"
    )


class CompleteIn(StrictIn):
    findings: str = Field(..., max_length=20000, description="What was found and done")
    problem: str | None = Field(None, max_length=10, description="Failure mode, e.g. ELP")
    cause: str | None = Field(None, max_length=10, description="Failure mechanism, e.g. WEA")
    remedy: str | None = Field(None, max_length=10, description="Activity, e.g. REP")


class FollowUpIn(StrictIn):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field(..., min_length=1, max_length=20000)
    codes: dict[str, str] | None = Field(
        None, description="Coding that differs from the parent's: key → abbreviation"
    )


class CloseIn(StrictIn):
    feedback: str = Field("", max_length=5000, description="For the job plans used")
    reason: str = Field("", max_length=10000)
