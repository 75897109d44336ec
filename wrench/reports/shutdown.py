"""Shutdown lists: open work that needs an outage (timing A area, M major, T total,
P shut preparation), with estimated hours and material readiness, for an area."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum

from wrench.reports import charts, readiness
from wrench.reports.table import Column, Report, Table, hours
from wrench.workorders.models import WorkOrder
from wrench.workorders.status import GROUPS, Status

SHUTDOWN_TIMINGS = ("A", "M", "T", "P")
NOT_DONE = [s for s in GROUPS["open"] if s != Status.CO]


def build(qs: QuerySet[WorkOrder], *, timing_given: bool) -> Report:
    work = qs.filter(status__in=NOT_DONE)
    if not timing_given:  # ?timing=… narrows through the work order filter instead
        work = work.filter(timing__abbreviation__in=SHUTDOWN_TIMINGS)
    work = work.annotate(material=readiness.material_state())
    ordered: Any = work.order_by(
        "timing__abbreviation", "asset__area__code", "-priority", "requested_at"
    ).values(
        "number",
        "title",
        "status",
        "priority",
        "estimated_hours",
        "material",
        timing_code=F("timing__abbreviation"),
        timing_value=F("timing__value"),
        area=F("asset__area__code"),
        asset_code=F("asset__code"),
        trade_code=F("trade__code"),
    )
    listed: list[dict[str, Any]] = list(ordered)
    summary = list(
        work.values(timing_code=F("timing__abbreviation"), timing_value=F("timing__value"))
        .annotate(
            n=Count("id"),
            est=Sum("estimated_hours"),
            ready=Count("id", filter=Q(material=readiness.READY)),
            est_ready=Sum("estimated_hours", filter=Q(material=readiness.READY)),
        )
        .order_by("timing_code")
    )
    rows = [
        {
            "timing": f"{s['timing_code']} – {s['timing_value']}",
            "count": s["n"],
            "estimated_hours": hours(s["est"]),
            "materials_ready": s["ready"],
            "estimated_hours_ready": hours(s["est_ready"]),
        }
        for s in summary
    ]
    chart = charts.bars(
        "Shutdown work: estimated hours by timing",
        [str(s["timing_code"]) for s in summary],
        [
            ("all", [hours(s["est"]) for s in summary]),
            ("materials ready", [hours(s["est_ready"]) for s in summary]),
        ],
        ylabel="estimated hours",
    )
    return Report(
        "shutdown",
        "Shutdown lists",
        "Open work (not yet physically complete) that can only be done in an outage: "
        "A area shutdown, M major shutdown, T total outage, P shut preparation. Narrow "
        "with ?area= or ?timing=. " + readiness.EXPLANATION,
        [
            Table(
                "summary",
                "By timing",
                [
                    Column("timing", "Timing"),
                    Column("count", "Work orders", "int"),
                    Column("estimated_hours", "Estimated h", "hours"),
                    Column("materials_ready", "Materials ready", "int"),
                    Column("estimated_hours_ready", "Estimated h, materials ready", "hours"),
                ],
                rows,
            ),
            Table(
                "list",
                "Work for the shutdown",
                [
                    Column("timing_code", "Timing"),
                    Column("area", "Area"),
                    Column("asset_code", "Asset"),
                    Column("number", "Work order"),
                    Column("title", "Title"),
                    Column("status", "Status"),
                    Column("priority", "Priority", "int"),
                    Column("trade_code", "Trade"),
                    Column("estimated_hours", "Estimated h", "hours"),
                    Column("material", "Materials"),
                ],
                listed,
            ),
        ],
        charts=[str(chart)],
    )
