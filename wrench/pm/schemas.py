"""API schemas of PM plans, meters and readings, and how a row becomes one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from wrench.core import clock
from wrench.core.schemas import StrictIn
from wrench.pm import due as dues
from wrench.pm.generate import CODED
from wrench.pm.models import Meter, MeterReading, PmPlan


class CodingIn(StrictIn):
    urgency: str | None = Field(None, max_length=8)
    timing: str | None = Field(None, max_length=8)
    reason: str | None = Field(None, max_length=8)
    action: str | None = Field(None, max_length=8)
    funding: str | None = Field(None, max_length=8)


class PlanFields(StrictIn):
    title: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=10000)
    interval_days: int | None = Field(None, ge=1, le=3650, description="Calendar interval")
    schedule: Literal["fixed", "floating"] | None = Field(
        None, description="fixed: from the due date; floating: from the last completion"
    )
    first_due: dt.date | None = None
    meter: int | None = Field(None, ge=1, le=2_147_483_647, description="Meter id")
    meter_interval: Decimal | None = Field(None, max_digits=16, decimal_places=2)
    lead_days: int | None = Field(None, ge=0, le=365, description="Raise the work this early")
    priority: int | None = Field(None, ge=0, le=1000)
    enters: Literal["BL", "RS"] | None = Field(
        None, description="Where the work enters: BL, or RS when nothing is outstanding"
    )
    job_plan: str | None = Field(None, max_length=40, description="Job plan code")
    storeroom: str | None = Field(None, max_length=40, description="Storeroom code (stock)")
    season_from: int | None = Field(None, ge=1, le=12, description="First month of the season")
    season_to: int | None = Field(None, ge=1, le=12, description="Last month of the season")
    coding: CodingIn | None = Field(None, description="Coding of the work it raises")


class PlanIn(PlanFields):
    site: str | None = Field(None, max_length=40, description="Site code (if several)")
    asset: str = Field(..., max_length=40, description="Asset code")
    title: str = Field(..., min_length=1, max_length=200)


class ReasonIn(StrictIn):
    reason: str = Field(..., min_length=1, max_length=200)


class PlanOut(Schema):
    id: int
    site: str
    asset: str
    title: str
    description: str
    trigger: str
    schedule: str
    interval_days: int | None
    first_due: dt.date | None
    next_due: dt.date | None = Field(description="The earlier of the time and meter due dates")
    next_time_due: dt.date | None
    meter: int | None
    meter_interval: Decimal | None
    next_meter_due: Decimal | None
    lead_days: int
    priority: int
    enters: str
    active: bool
    paused_reason: str
    season_from: int | None
    season_to: int | None
    coding: dict[str, str | None]
    job_plan: str | None
    storeroom: str | None
    occurrences: int
    last_error: str


class MeterIn(StrictIn):
    asset: str = Field(..., max_length=40, description="Asset code")
    site: str | None = Field(None, max_length=40)
    name: str = Field(..., min_length=1, max_length=80)
    unit: str = Field(..., min_length=1, max_length=20)
    max_per_day: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    rollover_at: Decimal | None = Field(None, max_digits=14, decimal_places=2)


class MeterOut(Schema):
    id: int
    site: str
    asset: str
    name: str
    unit: str
    max_per_day: Decimal | None
    rollover_at: Decimal | None
    last_value: Decimal | None
    last_at: dt.datetime | None
    total: Decimal
    rate_per_day: Decimal | None


class ReadingIn(StrictIn):
    value: Decimal = Field(..., max_digits=16, decimal_places=2)
    at: dt.datetime | None = None
    kind: Literal["reading", "rollover", "replacement"] = "reading"
    note: str = Field("", max_length=200)


class ReadingOut(Schema):
    id: int
    meter: int
    value: Decimal
    at: dt.datetime
    kind: str
    delta: Decimal
    total: Decimal


def plan_out(plan: PmPlan) -> dict[str, Any]:
    today = clock.now().date()
    return {
        "id": plan.pk,
        "site": plan.site.code,
        "asset": plan.asset.code,
        "title": plan.title,
        "description": plan.description,
        "trigger": plan.trigger_kind,
        "schedule": plan.schedule,
        "interval_days": plan.interval_days,
        "first_due": plan.first_due,
        "next_due": dues.next_due_date(plan, today),
        "next_time_due": dues.time_due(plan),
        "meter": plan.meter_id,
        "meter_interval": plan.meter_interval,
        "next_meter_due": plan.next_meter_due,
        "lead_days": plan.lead_days,
        "priority": plan.priority,
        "enters": plan.enters,
        "active": plan.active,
        "paused_reason": plan.paused_reason,
        "season_from": plan.season_from,
        "season_to": plan.season_to,
        "coding": {
            k: getattr(plan, k).abbreviation if getattr(plan, f"{k}_id") else None for k in CODED
        },
        "job_plan": plan.job_plan.code if plan.job_plan else None,
        "storeroom": plan.storeroom.code if plan.storeroom else None,
        "occurrences": plan.occurrences_made,
        "last_error": plan.last_error,
    }


def meter_out(meter: Meter) -> dict[str, Any]:
    return {
        "id": meter.pk,
        "site": meter.site.code,
        "asset": meter.asset.code,
        "name": meter.name,
        "unit": meter.unit,
        "max_per_day": meter.max_per_day,
        "rollover_at": meter.rollover_at,
        "last_value": meter.last_value,
        "last_at": meter.last_at,
        "total": meter.total,
        "rate_per_day": meter.rate_per_day,
    }


def reading_out(r: MeterReading) -> dict[str, Any]:
    return {
        "id": r.pk,
        "meter": r.meter_id,
        "value": r.value,
        "at": r.at,
        "kind": r.kind,
        "delta": r.delta,
        "total": r.total,
    }


class ForecastRowOut(Schema):
    week: dt.date
    trade: str
    crew: str | None
    hours: Decimal
    occurrences: int


class UnplannedOut(Schema):
    week: dt.date
    occurrences: int


class ForecastOut(Schema):
    site: str
    first_day: dt.date
    last_day: dt.date
    rows: list[ForecastRowOut]
    without_job_plan: list[UnplannedOut]


class SettingsIn(Schema):
    site: str | None = None
    compliance_grace: str


class SettingsOut(Schema):
    site: str
    compliance_grace: str
    compliance_grace_label: str
    choices: dict[str, str]
