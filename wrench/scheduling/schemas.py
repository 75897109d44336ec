"""API schemas of scheduling: crews, people's calendars, shutdown windows, schedule weeks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field

from wrench.core.apiutil import Hours
from wrench.core.schemas import StrictIn


class MemberOut(Schema):
    person: str
    name: str
    trade: str


class CrewOut(Schema):
    site: str
    code: str
    name: str
    area: str | None
    size: int
    members: list[MemberOut]


class CrewIn(StrictIn):
    site: str | None = Field(None, max_length=12, description="Site code (default: your site)")
    code: str = Field(..., max_length=40)
    name: str = Field(..., max_length=120)
    area: str | None = Field(None, max_length=40, description="Area code the crew works in")


class CrewPatch(StrictIn):
    name: str | None = Field(None, max_length=120)
    area: str | None = Field(None, max_length=40, description="Area code; empty text: none")


class MemberIn(StrictIn):
    person: str = Field(..., max_length=150, description="Username")
    trade: str | None = Field(None, max_length=40, description="Trade code (default theirs)")


class CalendarIn(StrictIn):
    hours: list[Hours] = Field(
        ..., min_length=7, max_length=7, description="Hours Monday to Sunday, 0–24 each"
    )


class CalendarOut(Schema):
    person: str
    site: str
    hours: list[Decimal]
    own: bool  # False: the site's default (day hours on working days)


class AbsenceIn(StrictIn):
    person: str = Field(..., max_length=150)
    kind: str = Field("leave", description="leave, training, meeting or other")
    starts: dt.date
    ends: dt.date
    hours_per_day: Hours | None = Field(None, description="Empty: the whole day")
    note: str = Field("", max_length=200)


class AbsenceEdit(StrictIn):
    kind: str | None = Field(None, description="leave, training, meeting or other")
    starts: dt.date | None = None
    ends: dt.date | None = None
    hours_per_day: Hours | None = Field(None, description="Empty: the whole day")
    note: str | None = Field(None, max_length=200)


class AbsenceOut(Schema):
    id: int
    person: str
    kind: str
    starts: dt.date
    ends: dt.date
    hours_per_day: Decimal | None
    note: str


class ShutdownIn(StrictIn):
    site: str | None = Field(None, max_length=12)
    kind: str = Field("A", description="A area shutdown, M major shutdown, T total outage")
    area: str | None = Field(None, max_length=40)
    asset: str | None = Field(None, max_length=40, description="Asset code: it and its subtree")
    starts: dt.date
    ends: dt.date
    name: str = Field("", max_length=120)


class ShutdownEdit(StrictIn):
    kind: str | None = Field(None, description="A area shutdown, M major shutdown, T total outage")
    area: str | None = Field(None, max_length=40, description="Area code; null to clear")
    asset: str | None = Field(None, max_length=40, description="Asset code; null to clear")
    starts: dt.date | None = None
    ends: dt.date | None = None
    name: str | None = Field(None, max_length=120)


class ShutdownOut(Schema):
    id: int
    site: str
    kind: str
    area: str | None
    asset: str | None
    starts: dt.date
    ends: dt.date
    name: str
    label: str


class ScheduleIn(StrictIn):
    site: str | None = Field(None, max_length=12, description="Site code (default: your site)")
    week: str = Field(..., max_length=8, description="ISO week, e.g. 2026-W50")


class ScheduleOut(Schema):
    id: int
    site: str
    week: str
    monday: dt.date
    days: list[dt.date]
    status: str
    cut_off: dt.datetime
    frozen_at: dt.datetime | None
    closed_at: dt.datetime | None
    items: int
    hours: Decimal


class ItemOut(Schema):
    work_order: str
    title: str
    crew: str
    trade: str
    day: dt.date
    hours: Decimal
    people_needed: int
    people: list[str]
    break_in: bool
    placed_by: str | None
    over_capacity: str


class ScheduleDetailOut(ScheduleOut):
    item_list: list[ItemOut]
    last_optimised: dict[str, Any]


class PlaceIn(StrictIn):
    work_order: str = Field(..., max_length=24)
    crew: str = Field(..., max_length=40)
    day: dt.date = Field(..., description="First day; work longer than a day runs on")
    people: list[str] | None = Field(None, max_length=50, description="Usernames to name")
    over_capacity: str = Field(
        "", max_length=200, description="Why it goes above capacity (recorded); else 409"
    )


class PlacedOut(Schema):
    work_order: str
    status: str
    items: list[ItemOut]


class OptimiseIn(StrictIn):
    time_limit: float = Field(10.0, description="Seconds, 0.5 to 60")


class PlacementOut(Schema):
    work_order: str
    crew: str
    day: dt.date
    hours: Decimal
    people: list[str]


class LeftOutOut(Schema):
    work_order: str
    why: str


class OptimiseOut(Schema):
    objective: float
    bound: float
    greedy_objective: float
    status: str
    seconds: float
    placed: list[PlacementOut]
    left_out: list[LeftOutOut]


class CellOut(Schema):
    crew: str
    day: dt.date
    trade: str
    available_hours: Decimal
    pm_forecast_hours: Decimal
    scheduled_hours: Decimal
    people: int
