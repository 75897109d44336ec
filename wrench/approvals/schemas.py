"""API schemas of approvals: what its endpoints take and answer (api modules stay thin)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from wrench.accounts.roles import Role
from wrench.core.schemas import StrictIn


class RuleIn(StrictIn):
    site: str | None = Field(None, max_length=40, description="Site code; needed at several sites")
    cost_centre: str | None = Field(None, max_length=40, description="Code; empty: any")
    min_amount: Decimal = Field(Decimal(0), ge=0, le=9999999999, decimal_places=2)
    max_amount: Decimal | None = Field(
        None, ge=0, le=9999999999, decimal_places=2, description="Empty: no upper bound"
    )
    approver_role: Role | None = Field(None, description="A role holding the approve permission")
    approver: str | None = Field(None, max_length=150, description="Or one person (username)")


class RuleOut(Schema):
    id: int
    site: str
    cost_centre: str | None
    min_amount: Decimal
    max_amount: Decimal | None
    approver_role: str
    approver: str | None
    active: bool


class WaitingOut(Schema):
    work_order: str
    title: str
    status: str
    amount: Decimal
    reapproval: bool
    approver: str
    routed_at: dt.datetime


class ApproveIn(StrictIn):
    approved_amount: Decimal | None = Field(
        None, ge=0, le=9999999999, decimal_places=2, description="Default: the current estimate"
    )
    note: str = Field("", max_length=2000)


class RejectIn(StrictIn):
    reason: str = Field(..., max_length=2000, description="Told to the originator")
