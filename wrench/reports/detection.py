"""Who detected it first: repeated requests against the same asset and failure.

The spec (WO – How initiated): "the same failure may be identified by different
inspectors, reports using this data should include, and be sorted by, the work request
date so that the first inspector to detect the failure is identified". Without a failure
code, "the same failure" is the same asset and the same value of a chosen characteristic
(`same`, default action: a second RE on a pump in the period is the same failure).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from wrench.coding.models import BUILTIN_KEYS
from wrench.core.errors import FieldError, ValidationFailed
from wrench.reports import charts
from wrench.reports.table import Column, Report, Table
from wrench.workorders.models import WorkOrder

SAME_CHOICES = ("asset", *BUILTIN_KEYS)
COLUMNS = [
    Column("asset", "Asset"),
    Column("same", "Same"),
    Column("requested_at", "Requested", "datetime"),
    Column("number", "Work order"),
    Column("initiated_by", "ID by"),
    Column("requester", "Raised by"),
    Column("first", "First to detect"),
    Column("status", "Status"),
    Column("title", "Title"),
]


def _scoped(
    qs: QuerySet[WorkOrder], same: str, start: dt.datetime, end: dt.datetime
) -> QuerySet[WorkOrder]:
    if same not in SAME_CHOICES:
        raise ValidationFailed(
            "the report is not valid",
            errors=[FieldError("same", f"unknown {same!r}; allowed: {', '.join(SAME_CHOICES)}")],
        )
    period = qs.filter(requested_at__gte=start, requested_at__lt=end, asset__isnull=False)
    match = {"asset_id": OuterRef("asset_id")}
    if same != "asset":
        match[f"{same}_id"] = OuterRef(f"{same}_id")
    group = period.filter(**match).exclude(pk=OuterRef("pk"))
    earlier = group.filter(
        Q(requested_at__lt=OuterRef("requested_at"))
        | Q(requested_at=OuterRef("requested_at"), pk__lt=OuterRef("pk"))
    )
    return period.annotate(repeated=Exists(group), later=Exists(earlier)).filter(repeated=True)


def later_detections(
    qs: QuerySet[WorkOrder], same: str, start: dt.datetime, end: dt.datetime
) -> QuerySet[WorkOrder]:
    """Requests of the period that another request of the same failure came before."""
    return _scoped(qs, same, start, end).filter(Q(later=True))


def build(qs: QuerySet[WorkOrder], *, same: str, start: dt.datetime, end: dt.datetime) -> Report:
    scoped = _scoped(qs, same, start, end)
    same_col = "asset__code" if same == "asset" else f"{same}__abbreviation"
    rows: list[dict[str, Any]] = [
        {**r, "first": "" if r["later"] else "yes"}
        for r in scoped.annotate(
            asset_code=F("asset__code"),
            same_value=F(same_col),
            initiated=F("initiated_by__abbreviation"),
            requester_name=F("requester__username"),
        )
        .order_by("asset__code", same_col, "requested_at", "id")
        .values(
            "asset_code",
            "same_value",
            "requested_at",
            "number",
            "initiated",
            "requester_name",
            "later",
            "status",
            "title",
        )
    ]
    for r in rows:
        r["asset"], r["same"] = r.pop("asset_code"), r.pop("same_value")
        r["initiated_by"], r["requester"] = r.pop("initiated"), r.pop("requester_name")
    by_initiator = list(
        scoped.values(code=F("initiated_by__abbreviation"))
        .annotate(
            first=Count("id", filter=Q(later=False)), later_n=Count("id", filter=Q(later=True))
        )
        .order_by("code")
    )
    summary = [
        {"initiated_by": r["code"] or "(none)", "first": r["first"], "later": r["later_n"]}
        for r in by_initiator
    ]
    chart = charts.bars(
        "Who detected repeated failures first (ID by)",
        [s["initiated_by"] for s in summary],
        [("first", [s["first"] for s in summary]), ("later", [s["later"] for s in summary])],
        ylabel="work orders",
    )
    return Report(
        "detection",
        "Who detected it first",
        "Work orders raised in the period against an asset that had another request with "
        f"the same {same} in the period, sorted by asset and request date: the first row of "
        "each group is the first to detect the failure.",
        [
            Table("detection", "Repeated requests, by request date", COLUMNS, rows),
            Table(
                "by_initiator",
                "First and later detections by how initiated",
                [
                    Column("initiated_by", "ID by"),
                    Column("first", "First to detect", "int"),
                    Column("later", "Detected later", "int"),
                ],
                summary,
            ),
        ],
        charts=[str(chart)],
        period=(start, end),
    )
