"""API schemas of work orders: what a client sends and what it gets back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Schema
from pydantic import Field

from wrench.coding.models import BUILTIN_KEYS, CodeValue
from wrench.core.fastpath import Prepared, prefetched
from wrench.core.rendering import json_answer
from wrench.core.schemas import StrictIn
from wrench.workorders.attachments import Attachment
from wrench.workorders.models import Comment, WorkOrder, WorkOrderCode, WorkOrderEvent

MAX_BULK = 1000


class WorkOrderFields(StrictIn):
    """Fields a client may set; coding by abbreviation (`"reason": "SA"`)."""

    title: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=20000)
    asset: str | None = Field(None, description="Asset code (tag), e.g. P-101", max_length=40)
    location: str | None = Field(None, max_length=200)
    needed_by: dt.date | None = None
    priority: int | None = Field(None, ge=0, le=999)
    consequence: int | None = Field(None, ge=1, le=5)
    probability: int | None = Field(None, ge=1, le=5)
    estimated_cost: Decimal | None = Field(None, ge=0, le=9999999999, decimal_places=2)
    estimated_hours: Decimal | None = Field(None, ge=0, le=9999999, decimal_places=2)
    project_number: str | None = Field(None, max_length=40)
    trade: str | None = Field(None, description="Trade code", max_length=40)
    crew: str | None = Field(None, description="Crew code", max_length=40)
    assigned_to: str | None = Field(None, description="Username", max_length=150)
    urgency: str | None = Field(None, description="Abbreviation, e.g. E", max_length=10)
    timing: str | None = Field(None, max_length=10)
    reason: str | None = Field(None, max_length=10)
    action: str | None = Field(None, max_length=10)
    funding: str | None = Field(None, max_length=10)
    initiated_by: str | None = Field(None, max_length=10)
    codes: dict[str, str] | None = Field(
        None, description="Characteristics an admin added: key → abbreviation"
    )

    def split(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(fields, codes) for the services, only what the client sent."""
        sent = self.model_dump(exclude_unset=True)
        codes = {k: sent.pop(k) for k in BUILTIN_KEYS if k in sent}
        codes.update(sent.pop("codes", None) or {})
        return sent, codes


class WorkOrderIn(WorkOrderFields):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field(..., min_length=1, max_length=20000)
    site: str | None = Field(None, description="Site code; needed if you work at several sites")


class BulkIn(StrictIn):
    rows: list[WorkOrderIn] = Field(..., min_length=1, max_length=MAX_BULK)


class TransitionIn(StrictIn):
    to: str = Field(..., description="Status abbreviation, e.g. BL", max_length=2)
    reason: str = Field("", max_length=10000)
    findings: str = Field("", max_length=20000, description="What was found and done (→ CO)")
    approved_amount: Decimal | None = Field(
        None, ge=0, le=9999999999, decimal_places=2, description="With an approval (→ BL, WL → PL)"
    )
    problem: str | None = Field(None, max_length=10, description="Failure mode (→ CO), e.g. ELP")
    cause: str | None = Field(None, max_length=10, description="Failure mechanism (→ CO)")
    remedy: str | None = Field(None, max_length=10, description="Activity (→ CO), e.g. REP")
    feedback: str = Field("", max_length=5000, description="For the job plans used (→ CL)")

    def failure(self) -> dict[str, str]:
        """The failure coding given: key → abbreviation."""
        given = {"problem": self.problem, "cause": self.cause, "remedy": self.remedy}
        return {key: value for key, value in given.items() if value}


class CommentIn(StrictIn):
    text: str = Field(..., max_length=10000)


class CodeOut(Schema):
    abbreviation: str
    value: str


def _code(value: CodeValue | None) -> dict[str, str] | None:
    return {"abbreviation": value.abbreviation, "value": value.value} if value else None


class WorkOrderItemOut(Schema):
    """One row of a list: lean, every related object from the one joined query."""

    number: str
    site: str
    status: str
    title: str
    asset: str | None
    priority: int
    requested_at: dt.datetime
    needed_by: dt.date | None
    requester: str
    assigned_to: str | None
    trade: str | None
    crew: str | None
    emergency: bool
    urgency: CodeOut | None
    timing: CodeOut | None
    reason: CodeOut | None
    action: CodeOut | None
    funding: CodeOut | None
    initiated_by: CodeOut | None


def item(wo: WorkOrder) -> dict[str, Any]:
    """A list row (WorkOrderItemOut) from a work order loaded `with_coding()`."""
    return {
        "number": wo.number,
        "site": wo.site.code,
        "status": wo.status,
        "title": wo.title,
        "asset": wo.asset.code if wo.asset else None,
        "priority": wo.priority,
        "requested_at": wo.requested_at,
        "needed_by": wo.needed_by,
        "requester": wo.requester.username,
        "assigned_to": wo.assigned_to.username if wo.assigned_to else None,
        "trade": wo.trade.code if wo.trade else None,
        "crew": wo.crew.code if wo.crew else None,
        "emergency": wo.emergency,
        **{key: _code(getattr(wo, key)) for key in BUILTIN_KEYS},
    }


class WorkOrderOut(WorkOrderItemOut):
    status_label: str
    description: str
    location: str
    consequence: int | None
    probability: int | None
    estimated_hours: Decimal
    estimated_cost: Decimal
    approved_amount: Decimal | None
    project_number: str
    status_changed_at: dt.datetime
    completed_at: dt.datetime | None
    closed_at: dt.datetime | None
    findings: str
    warranty_flag: bool
    legacy_number: str = Field(description="Its number in the legacy system (imported work)")
    legacy_labour_hours: Decimal | None
    legacy_cost: Decimal | None
    codes: dict[str, CodeOut] = Field(description="Values of characteristics an admin added")


_OUT_ORDER = tuple(WorkOrderOut.model_fields)
# wo.extra_codes.select_related("characteristic", "value"), compiled once (core/fastpath.py).
_EXTRA: Prepared[WorkOrderCode] = Prepared(
    "i",
    lambda work_order_id: WorkOrderCode.objects.filter(work_order_id=work_order_id).select_related(
        "characteristic", "value"
    ),
)


def detail(wo: WorkOrder) -> dict[str, Any]:
    """The whole work order (WorkOrderOut)."""
    data = item(wo)
    data.update(
        {
            name: getattr(wo, name)
            for name in (
                "description",
                "location",
                "consequence",
                "probability",
                "estimated_hours",
                "estimated_cost",
                "approved_amount",
                "project_number",
                "status_changed_at",
                "completed_at",
                "closed_at",
                "findings",
                "warranty_flag",
                "legacy_number",
                "legacy_labour_hours",
                "legacy_cost",
            )
        }
    )
    data["status_label"] = wo.get_status_display()
    extra = prefetched(wo, "extra_codes")
    if extra is None:
        extra = _EXTRA.rows(wo.pk)
    data["codes"] = {c.characteristic.key: _code(c.value) for c in extra}
    return data


def answer(request: HttpRequest, wo: WorkOrder, status: int = 200) -> HttpResponse:
    """A write's answer, `detail(wo)`, rendered as Ninja renders a WorkOrderOut but without
    validating it again (a noticeable share of a write's CPU): `detail` builds exactly its fields, in
    its order (tests hold the answer byte for byte to a GET's)."""
    data = detail(wo)
    return json_answer(request, {name: data[name] for name in _OUT_ORDER}, status=status)


class WorkOrderPage(Schema):
    items: list[WorkOrderItemOut]
    next_cursor: str | None


class CreatedOut(Schema):
    number: str
    status: str


class BulkOut(Schema):
    created: list[CreatedOut]


class EventOut(Schema):
    from_status: str
    to_status: str
    actor: str | None
    automatic: bool
    reason: str
    at: dt.datetime


def event(event: WorkOrderEvent) -> dict[str, Any]:
    return {
        "from_status": event.from_status,
        "to_status": event.to_status,
        "actor": event.actor.username if event.actor else None,
        "automatic": event.automatic,
        "reason": event.reason,
        "at": event.at,
    }


class CommentOut(Schema):
    author: str
    text: str
    created_at: dt.datetime


def comment(comment: Comment) -> dict[str, Any]:
    return {
        "author": comment.author.username,
        "text": comment.text,
        "created_at": comment.created_at,
    }


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    content_type: str
    url: str
    thumbnail_url: str | None
    uploaded_by: str
    uploaded_at: Any

    @staticmethod
    def resolve_uploaded_by(obj: Attachment) -> str:
        return str(obj.uploaded_by.username)
