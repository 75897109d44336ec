"""API schemas of the asset page and of downtime."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from wrench.assets.models import Downtime
from wrench.core.schemas import StrictIn


class DowntimeIn(StrictIn):
    start: dt.datetime = Field(description="The asset stopped (ISO 8601; local time if no offset)")
    end: dt.datetime = Field(description="The asset ran again; after the start, not in the future")
    reason: str | None = Field(None, max_length=200)
    work_order: str | None = Field(None, description="Number of the work order that repaired it")


class DowntimeOut(Schema):
    id: int
    asset: str
    start: dt.datetime
    end: dt.datetime
    hours: float
    reason: str
    work_order: str | None
    recorded_by: str
    recorded_at: dt.datetime

    @staticmethod
    def resolve_asset(obj: Downtime) -> str:
        return obj.asset.code

    @staticmethod
    def resolve_start(obj: Downtime) -> dt.datetime:
        return obj.started_at

    @staticmethod
    def resolve_end(obj: Downtime) -> dt.datetime:
        return obj.ended_at

    @staticmethod
    def resolve_work_order(obj: Downtime) -> str | None:
        return obj.work_order.number if obj.work_order else None

    @staticmethod
    def resolve_recorded_by(obj: Downtime) -> str:
        return str(obj.recorded_by.username)


class AssetRefOut(Schema):
    code: str
    name: str
    criticality: str
    active: bool


class ReliabilityOut(Schema):
    start: dt.datetime
    end: dt.datetime
    failures: int
    downtime_hours: float
    mttr: float | None = Field(description="Mean time to repair, hours")
    mtbf: float | None = Field(description="Mean time between failures, hours")
    availability_pct: float
