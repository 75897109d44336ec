"""The backlog: approved work not yet started, sorted by priority; its size in crew-weeks
per trade (estimated hours ÷ that trade's weekly capacity), the ready part (RS), and
its age profile."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Case, CharField, Count, F, QuerySet, Sum, Value, When

from wrench.accounts.models import User
from wrench.core import clock
from wrench.reports import charts, labour
from wrench.reports.models import TradeCapacity
from wrench.reports.table import Column, Formula, Report, Table, hours
from wrench.workorders.models import WorkOrder
from wrench.workorders.status import GROUPS, Status

HOURS_PER_WEEK = Decimal(40)
AGE_BUCKETS = [(7, "0–7 days"), (30, "8–30 days"), (90, "31–90 days"), (180, "91–180 days")]
OLDEST = "over 180 days"
LIST_LIMIT = 500


def capacity_by_trade(site_ids: list[int], hours_per_week: Decimal) -> dict[str, Decimal]:
    """Trade code → weekly hours: the trade's recorded capacity (people × hours a week),
    else its active people at the sites × `hours_per_week`."""
    people = (
        User.objects.filter(is_active=True, sites__id__in=site_ids, trade__isnull=False)
        .values(code=F("trade__code"))
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    capacity = {p["code"]: p["n"] * hours_per_week for p in people}
    recorded = (
        TradeCapacity.objects.filter(site_id__in=site_ids)
        .values(code=F("trade__code"))
        .annotate(h=Sum(F("people") * F("hours_per_person_week")))
        .order_by()
    )
    capacity.update({r["code"]: Decimal(r["h"]) for r in recorded})
    return capacity


def crew_weeks(
    qs: QuerySet[WorkOrder], site_ids: list[int], hours_per_week: Decimal
) -> list[dict[str, Any]]:
    backlog = qs.filter(status__in=GROUPS["backlog"])
    total = labour.hours_by_trade(backlog)
    ready = labour.hours_by_trade(backlog.filter(status=Status.RS))
    capacity = capacity_by_trade(site_ids, hours_per_week)
    rows = []
    for trade in sorted(total, key=lambda t: (t is None, t or "")):  # trades with backlog
        cap = capacity.get(trade or "", Decimal(0))
        t_h, r_h = total.get(trade, Decimal(0)), ready.get(trade, Decimal(0))
        rows.append(
            {
                "trade": trade or "(no trade)",
                "backlog_hours": hours(t_h),
                "ready_hours": hours(r_h),
                "capacity": hours(cap),
                "crew_weeks": round(float(t_h / cap), 1) if cap else None,
                "ready_crew_weeks": round(float(r_h / cap), 1) if cap else None,
            }
        )
    return rows


def age_profile(qs: QuerySet[WorkOrder], now: dt.datetime) -> list[dict[str, Any]]:
    whens = [
        When(requested_at__gt=now - dt.timedelta(days=days), then=Value(label))
        for days, label in AGE_BUCKETS
    ]
    grouped = dict(
        (r["bucket"], r)
        for r in qs.filter(status__in=GROUPS["backlog"])
        .annotate(bucket=Case(*whens, default=Value(OLDEST), output_field=CharField()))
        .values("bucket")
        .annotate(n=Count("id"), est=Sum("estimated_hours"))
        .order_by()
    )
    return [
        {
            "age": label,
            "count": grouped.get(label, {}).get("n", 0),
            "estimated_hours": hours(grouped.get(label, {}).get("est")),
        }
        for label in [lb for _, lb in AGE_BUCKETS] + [OLDEST]
    ]


def build(qs: QuerySet[WorkOrder], *, site_ids: list[int], hours_per_week: Decimal) -> Report:
    now = clock.now()
    by_trade = crew_weeks(qs, site_ids, hours_per_week)
    ages = age_profile(qs, now)
    ordered: Any = (
        qs.filter(status__in=GROUPS["backlog"])
        .order_by("-priority", "requested_at", "id")
        .values(
            "number",
            "priority",
            "status",
            "title",
            "requested_at",
            "estimated_hours",
            asset_code=F("asset__code"),
            trade_code=F("trade__code"),
        )[:LIST_LIMIT]
    )
    listed: list[dict[str, Any]] = list(ordered)
    for r in listed:
        r["age_days"] = (now - r["requested_at"]).days
    total_h = sum(float(r["backlog_hours"]) for r in by_trade)
    total_cap = sum(float(r["capacity"]) for r in by_trade)
    chart_trade = charts.bars(
        "Backlog in crew-weeks per trade",
        [str(r["trade"]) for r in by_trade],
        [
            ("total backlog", [float(r["crew_weeks"] or 0) for r in by_trade]),
            ("ready (RS)", [float(r["ready_crew_weeks"] or 0) for r in by_trade]),
        ],
        ylabel="crew-weeks",
    )
    chart_age = charts.bars(
        "Age profile of the backlog",
        [str(a["age"]) for a in ages],
        [("work orders", [float(a["count"]) for a in ages])],
        ylabel="work orders",
    )
    return Report(
        "backlog",
        "Backlog",
        "Approved work not yet started (BL, PL, WL, WM, RS, SC), highest priority first. "
        "SMRP recommends 2–4 crew-weeks of ready backlog per trade: less starves the "
        "schedule, more means work waits too long.",
        [
            Table(
                "by_trade",
                "Crew-weeks per trade",
                [
                    Column("trade", "Trade"),
                    Column("backlog_hours", "Backlog h", "hours"),
                    Column("ready_hours", "Ready (RS) h", "hours"),
                    Column("capacity", "Capacity h/week", "hours"),
                    Column("crew_weeks", "Backlog crew-weeks", "hours"),
                    Column("ready_crew_weeks", "Ready crew-weeks", "hours"),
                ],
                by_trade,
                note="Capacity = the trade's recorded capacity (people × hours a week), else its "
                f"active people at the site × {hours_per_week} h (“Hours a week per person” above).",
            ),
            Table(
                "age",
                "Age profile (since the request)",
                [
                    Column("age", "Age"),
                    Column("count", "Work orders", "int"),
                    Column("estimated_hours", "Estimated h", "hours"),
                ],
                ages,
            ),
            Table(
                "list",
                "Backlog by priority",
                [
                    Column("number", "Work order"),
                    Column("priority", "Priority", "int"),
                    Column("status", "Status"),
                    Column("title", "Title"),
                    Column("asset_code", "Asset"),
                    Column("trade_code", "Trade"),
                    Column("estimated_hours", "Estimated h", "hours"),
                    Column("age_days", "Age (days)", "int"),
                ],
                listed,
                note=f"The first {LIST_LIMIT} by priority.",
            ),
        ],
        formulas=[
            Formula(
                "Backlog (crew-weeks)",
                "Σ estimated hours of backlog work ÷ Σ weekly capacity of the trades",
                {"backlog hours": round(total_h, 1), "capacity h/week": round(total_cap, 1)},
                round(total_h / total_cap, 1) if total_cap else None,
                "crew-weeks",
            )
        ],
        charts=[str(chart_trade), str(chart_age)],
    )
