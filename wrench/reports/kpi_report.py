"""The KPI page and the manager dashboard, assembled from the KPIs in `kpis`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from wrench.core import clock
from wrench.reports import backlog, charts, inspections, kpis, periods
from wrench.reports.table import Column, Formula, Report, Table, hours, ratio_pct
from wrench.workorders.models import WorkOrder

URGENT_COLUMNS = [
    Column("week", "Week of", "date"),
    Column("emergency", "Emergency (E)", "int"),
    Column("urgent", "Urgent (U)", "int"),
    Column("emergency_hours", "E hours charged", "hours"),
    Column("urgent_hours", "U hours charged", "hours"),
]


def _urgent_chart(weekly: list[dict[str, Any]]) -> str:
    labels = [f"{w['week']:%d %b}" for w in weekly]
    return str(
        charts.lines(
            "Emergency and urgent work orders per week",
            labels,
            [
                ("emergency (E)", [float(w["emergency"]) for w in weekly]),
                ("urgent (U)", [float(w["urgent"]) for w in weekly]),
            ],
            ylabel="work orders raised",
        )
    )


def build(qs: QuerySet[WorkOrder], *, start: dt.datetime, end: dt.datetime) -> Report:
    formulas = kpis.planned_and_reactive(qs, start, end)
    accuracy, by_trade = kpis.estimate_accuracy(qs, start, end)
    mttr, assets = kpis.reliability(qs, start, end)
    formulas += [accuracy, mttr, kpis.rework(qs, start, end)]
    formulas.append(inspections.pm_yield(qs, start, end))
    weekly = kpis.urgent_weekly(qs, at=end - dt.timedelta(microseconds=1))
    worst = sorted(assets, key=lambda a: -float(a["mttr"]))[:15]
    chart_mttr = charts.bars(
        "MTTR per asset (hours), the 15 longest",
        [str(a["asset"]) for a in worst],
        [("MTTR h", [float(a["mttr"]) for a in worst])],
        ylabel="hours",
    )
    return Report(
        "kpis",
        "KPIs",
        "Standard (SMRP-style) maintenance KPIs over the period (default: the last 28 days), "
        "each with its formula and the figures it is computed from.",
        [
            Table(
                "urgent",
                "Urgent work, last 12 weeks",
                URGENT_COLUMNS,
                weekly,
                note="Counted in the week raised; hours in the week charged.",
            ),
            Table(
                "reliability",
                "MTTR and MTBF per asset",
                [
                    Column("asset", "Asset"),
                    Column("name", "Name"),
                    Column("failures", "Failures", "int"),
                    Column("downtime_hours", "Downtime h", "hours"),
                    Column("mttr", "MTTR h", "hours"),
                    Column("mtbf", "MTBF h", "hours"),
                ],
                assets,
            ),
            Table(
                "estimates",
                "Estimated versus actual hours by trade",
                [
                    Column("trade", "Trade"),
                    Column("estimated_hours", "Estimated h", "hours"),
                    Column("actual_hours", "Charged h", "hours"),
                    Column("accuracy", "Charged ÷ estimated %", "pct"),
                ],
                by_trade,
            ),
        ],
        formulas=formulas,
        charts=[_urgent_chart(weekly), str(chart_mttr)],
        period=(start, end),
    )


def dashboard(qs: QuerySet[WorkOrder], *, site_ids: list[int]) -> Report:
    now = clock.now()
    start = now - dt.timedelta(days=28)
    formulas = kpis.planned_and_reactive(qs, start, now)
    formulas.append(kpis.rework(qs, start, now))
    weekly = kpis.urgent_weekly(qs, at=now)
    by_trade = backlog.crew_weeks(qs, site_ids, backlog.HOURS_PER_WEEK)
    total_h = sum(float(r["backlog_hours"]) for r in by_trade)
    ready_h = sum(float(r["ready_hours"]) for r in by_trade)
    cap = sum(float(r["capacity"]) for r in by_trade)
    formulas.append(
        Formula(
            "Ready backlog (crew-weeks)",
            "Σ estimated hours of RS work ÷ Σ weekly capacity of the trades",
            {
                "ready hours": round(ready_h, 1),
                "all backlog hours": round(total_h, 1),
                "capacity h/week": cap,
            },
            round(ready_h / cap, 1) if cap else None,
            "crew-weeks",
        )
    )
    mondays, since = periods.last_weeks(12, at=now)
    split = {kpis._day(r["week"]): r for r in kpis.hour_split(qs, since, now, weekly=True)}
    trend = []
    for w, monday in zip(weekly, mondays, strict=True):
        s = split.get(monday, {})
        total = hours(s.get("total"))
        trend.append(
            {
                **w,
                "hours": total,
                "planned_pct": ratio_pct(hours(s.get("planned_h")), total),
                "unplanned_pct": ratio_pct(total - hours(s.get("planned_h")), total),
                "reactive_pct": ratio_pct(hours(s.get("reactive")), total),
                "proactive_pct": ratio_pct(total - hours(s.get("reactive")), total),
            }
        )
    labels = [f"{t['week']:%d %b}" for t in trend]
    pct_chart = charts.lines(
        "Planned and reactive work, % of hours charged per week "
        "(unplanned = 100 − planned; proactive = 100 − reactive)",
        labels,
        [
            ("planned %", [t["planned_pct"] for t in trend]),
            ("reactive %", [t["reactive_pct"] for t in trend]),
        ],
        ylabel="% of hours",
        ylim=(0, 100),
    )
    return Report(
        "dashboard",
        "Manager dashboard",
        "Headline figures over the last 28 days and their trend over the last 12 weeks.",
        [
            Table(
                "trend",
                "12-week trend",
                [
                    *URGENT_COLUMNS[:3],
                    Column("hours", "Hours charged", "hours"),
                    Column("planned_pct", "Planned %", "pct"),
                    Column("unplanned_pct", "Unplanned %", "pct"),
                    Column("reactive_pct", "Reactive %", "pct"),
                    Column("proactive_pct", "Proactive %", "pct"),
                ],
                trend,
            ),
        ],
        formulas=formulas,
        charts=[_urgent_chart(weekly), str(pct_chart)],
        period=(start, now),
    )
