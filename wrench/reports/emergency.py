"""The daily emergency report: every work order with an urgency that carries the
`emergency_report` effect (E) raised in the period, with asset, times, status and hours."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, QuerySet

from wrench.reports import charts, labour
from wrench.reports.table import Column, Report, Table, hours
from wrench.workorders.models import WorkOrder

COLUMNS = [
    Column("number", "Work order"),
    Column("title", "Title"),
    Column("asset", "Asset"),
    Column("asset_name", "Asset name"),
    Column("area", "Area"),
    Column("requested_at", "Raised", "datetime"),
    Column("requester", "Raised by"),
    Column("status", "Status"),
    Column("status_changed_at", "Status since", "datetime"),
    Column("completed_at", "Physically complete", "datetime"),
    Column("estimated_hours", "Estimated h", "hours"),
    Column("actual_hours", "Charged h", "hours"),
]


def rows(qs: QuerySet[WorkOrder], start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
    found: Any = (
        qs.filter(emergency=True, requested_at__gte=start, requested_at__lt=end)
        .annotate(
            asset_code=F("asset__code"),
            asset_name=F("asset__name"),
            area=F("asset__area__code"),
            requester_name=F("requester__username"),
            actual_hours=labour.charged_hours(),
        )
        .order_by("requested_at", "id")
        .values(
            "number",
            "title",
            "asset_code",
            "asset_name",
            "area",
            "requested_at",
            "requester_name",
            "status",
            "status_changed_at",
            "completed_at",
            "estimated_hours",
            "actual_hours",
        )
    )
    return list(found)


def build(qs: QuerySet[WorkOrder], start: dt.datetime, end: dt.datetime) -> Report:
    found = [
        {**r, "asset": r.pop("asset_code"), "requester": r.pop("requester_name")}
        for r in rows(qs, start, end)
    ]
    table = Table("emergency", "Emergency work raised in the period", COLUMNS, found)
    chart = charts.bars(
        f"Emergency work orders: {len(found)}",
        [r["number"] for r in found],
        [
            ("estimated h", [hours(r["estimated_hours"]) for r in found]),
            ("charged h", [hours(r["actual_hours"]) for r in found]),
        ],
        ylabel="hours",
    )
    return Report(
        "emergency",
        "Emergency report",
        "Every work order whose urgency puts it on the daily emergency report (E – Emergency "
        "in the default coding) raised in the period; by default the last 24 hours. Emergency "
        "work bypasses approval, so this list is how supervision learns of it.",
        [table],
        charts=[str(chart)],
        period=(start, end),
    )
