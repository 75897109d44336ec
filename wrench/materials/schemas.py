"""API schemas of materials: what its endpoints take and answer (api modules stay thin)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from wrench.core.apiutil import Quantity
from wrench.core.schemas import StrictIn

Money = Field(None, ge=0, le=9999999999, decimal_places=2)


class MaterialIn(StrictIn):
    quantity: Quantity
    stock_item: str | None = Field(None, max_length=40, description="Stock item code")
    storeroom: str | None = Field(None, max_length=40, description="Storeroom (stock items)")
    description: str = Field("", max_length=200, description="Direct purchases: what to buy")
    unit: str = Field("EA", max_length=10)
    unit_cost: Decimal | None = Money


class MaterialLineOut(Schema):
    id: int
    kind: str
    stock_item: str | None
    storeroom: str | None
    description: str
    quantity: Decimal
    unit: str
    unit_cost: Decimal
    received: Decimal
    released: bool
    requisition: str | None
    on_hand: Decimal | None = Field(description="Stock lines: on hand in the storeroom")


class MaterialsOut(Schema):
    work_order: str
    status: str
    lines: list[MaterialLineOut]
    outstanding: list[str] = Field(description="One sentence per line still outstanding")


class ReqLineOut(Schema):
    id: int
    description: str
    stock_item: str | None
    storeroom: str | None
    quantity: Decimal
    unit_cost: Decimal
    received: Decimal
    outstanding: Decimal


class RequisitionOut(Schema):
    number: str
    site: str
    work_order: str | None
    status: str
    total: Decimal
    raised_by: str
    raised_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    note: str
    lines: list[ReqLineOut]


class RaiseIn(StrictIn):
    note: str = Field("", max_length=2000)


class StockLineIn(StrictIn):
    stock_item: str = Field(..., max_length=40)
    quantity: Quantity


class StockRequisitionIn(StrictIn):
    storeroom: str = Field(..., max_length=40)
    items: list[StockLineIn] = Field(..., max_length=200)
    note: str = Field("", max_length=2000)
    site: str | None = Field(None, max_length=40)


class RejectIn(StrictIn):
    reason: str = Field(..., max_length=2000)


class ReceiveIn(StrictIn):
    quantity: Quantity


class ReceiptOut(Schema):
    id: int
    requisition: str
    line: int
    quantity: Decimal
    received_at: dt.datetime
    line_outstanding: Decimal


class LevelOut(Schema):
    storeroom: str
    on_hand: Decimal
    reserved: Decimal


class StockItemOut(Schema):
    code: str
    name: str
    site: str
    unit: str
    unit_cost: Decimal
    levels: list[LevelOut]


class CountIn(StrictIn):
    stock_item: str = Field(..., max_length=40)
    storeroom: str = Field(..., max_length=40)
    on_hand: Quantity
    site: str | None = Field(None, max_length=40)
