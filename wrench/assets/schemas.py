"""API schemas of the plant: sites, areas, cost centres, trades, crews, assets (the asset page
and its place in the tree) and downtime."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from wrench.assets.models import Asset, Crew, Downtime
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


class SiteOut(Schema):
    code: str
    name: str
    closing_delay_days: int
    allowed_variance_pct: Decimal


class CodedOut(Schema):
    site: str
    code: str
    name: str

    @staticmethod
    def resolve_site(obj: Any) -> str:
        return str(obj.site.code)


class TradeOut(CodedOut):
    hourly_rate: Decimal


class CrewOut(CodedOut):
    area: str | None
    size: int

    @staticmethod
    def resolve_area(obj: Crew) -> str | None:
        return obj.area.code if obj.area else None


class AssetOut(CodedOut):
    parent: str | None
    area: str | None
    cost_centre: str | None
    equipment_type: str | None
    criticality: str
    warranty_end: dt.date | None
    active: bool

    @staticmethod
    def resolve_parent(obj: Asset) -> str | None:
        return obj.parent.code if obj.parent else None

    @staticmethod
    def resolve_area(obj: Asset) -> str | None:
        return obj.area.code if obj.area else None

    @staticmethod
    def resolve_cost_centre(obj: Asset) -> str | None:
        return obj.cost_centre.code if obj.cost_centre else None

    @staticmethod
    def resolve_equipment_type(obj: Asset) -> str | None:
        return obj.equipment_type.code if obj.equipment_type else None


class AssetDetailOut(AssetOut):
    under_warranty: bool
    tree: list[AssetRefOut]
    children: list[AssetRefOut]
    reliability: ReliabilityOut
    work_orders: str
    downtime: str

    @staticmethod
    def resolve_under_warranty(obj: Any) -> bool:
        return bool(obj.under_warranty())

    @staticmethod
    def resolve_children(obj: Any) -> list[Asset]:
        return list(obj.child_list)

    @staticmethod
    def resolve_work_orders(obj: Any) -> str:
        return str(obj.work_orders_url)

    @staticmethod
    def resolve_downtime(obj: Any) -> str:
        return str(obj.downtime_url)
