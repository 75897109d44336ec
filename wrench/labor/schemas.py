"""API schemas of labor: what its endpoints take and answer (api modules stay thin)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from wrench.core.apiutil import Hours
from wrench.core.schemas import StrictIn


class TimeChargeIn(StrictIn):
    hours: Hours = Field(..., description="Hours worked that day: above 0, at most 24")
    date: dt.date | None = Field(None, description="Day worked (default today)")
    trade: str | None = Field(None, max_length=40, description="Trade code (default the person's)")
    person: str | None = Field(
        None, max_length=150, description="Username (default you; others need the planner role)"
    )
    note: str = Field("", max_length=200)


class TimeChargeOut(Schema):
    id: int
    work_order: str
    person: str
    trade: str
    date: dt.date
    hours: Decimal
    note: str
    entered_by: str
    entered_at: dt.datetime


class ActualsOut(Schema):
    work_order: str
    estimated_hours: Decimal
    actual_hours: Decimal
    variance_hours: Decimal
    by_trade: dict[str, Decimal]
