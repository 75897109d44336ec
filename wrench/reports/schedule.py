"""Schedule KPIs, per week of the period, each with its formula and inputs (docs/reports.md).

- schedule compliance (work orders) = baseline work orders physically complete by the end
  of their week ÷ baseline work orders × 100 (the baseline is the week as frozen);
- schedule compliance (hours) = Σ over baseline work orders of min(hours charged to it in
  the week, its baseline hours) ÷ Σ baseline hours × 100;
- schedule loading = hours scheduled at the freeze (the baseline; a draft: its items) ÷
  forecast available hours of the crews (calendars less absences less PM) × 100;
- break-in = hours (and work orders) put into the week after its freeze ÷ all hours on it;
- work done off the schedule = hours charged in the week to work orders not on that week.

Sums and counts are SQL aggregates per week (GROUP BY); the forecast hours come from the
calendars (three queries per week).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from wrench.labor.models import TimeCharge
from wrench.reports import charts, periods
from wrench.reports.table import Column, Formula, Report, Table, hours, ratio_pct
from wrench.scheduling.capacity import forecast, week_days
from wrench.scheduling.models import BaselineItem, ScheduleItem, ScheduleWeek, WeekStatus
from wrench.workorders.models import WorkOrder

WEEK_COLUMNS = [
    Column("week", "Week"),
    Column("status", "Status"),
    Column("baseline_wos", "Baseline work orders", "int"),
    Column("completed_wos", "Completed in the week", "int"),
    Column("compliance_wos", "Compliance (work orders) %", "pct"),
    Column("baseline_hours", "Baseline hours", "hours"),
    Column("hours_as_scheduled", "Hours worked as scheduled", "hours"),
    Column("compliance_hours", "Compliance (hours) %", "pct"),
    Column("available_hours", "Forecast available hours", "hours"),
    Column("loading", "Loading %", "pct"),
    Column("break_in_wos", "Break-in work orders", "int"),
    Column("break_in_hours", "Break-in hours", "hours"),
    Column("break_in_pct", "Break-in % of hours", "pct"),
    Column("charged_hours", "Hours charged in the week", "hours"),
    Column("off_schedule_hours", "Hours off the schedule", "hours"),
    Column("off_schedule_pct", "Off the schedule %", "pct"),
]


def weeks_in(user_sites: list[int], start: dt.datetime, end: dt.datetime) -> QuerySet[ScheduleWeek]:
    first, last = periods.week_start(start), (end - dt.timedelta(microseconds=1)).date()
    return (
        ScheduleWeek.objects.filter(site_id__in=user_sites, monday__gte=first, monday__lte=last)
        .select_related("site")
        .order_by("monday", "site__code")
    )


def week_rows(qs: QuerySet[WorkOrder], weeks: QuerySet[ScheduleWeek]) -> list[dict[str, Any]]:
    """One row of figures per schedule week (work orders narrowed by the report's filter)."""
    return [_week_row(qs, week) for week in weeks]  # each row from a few aggregates


def _week_row(qs: QuerySet[WorkOrder], week: ScheduleWeek) -> dict[str, Any]:
    end = periods.start_of_day(week.monday + dt.timedelta(days=7))
    last_day = week.monday + dt.timedelta(days=6)
    mine = Exists(qs.filter(pk=OuterRef("work_order_id")))
    baseline = BaselineItem.objects.filter(mine, schedule=week)
    if week.status == WeekStatus.DRAFT:
        planned = ScheduleItem.objects.filter(mine, schedule=week)
    else:
        planned = baseline  # type: ignore[assignment]
    per_wo = list(
        baseline.values("work_order_id")
        .annotate(
            h=Sum("hours"),
            done=Count(
                "work_order_id",
                filter=Q(work_order__completed_at__isnull=False, work_order__completed_at__lt=end),
            ),
        )
        .order_by()
    )
    charged = {
        r["work_order_id"]: r["h"]
        for r in TimeCharge.objects.filter(
            work_order_id__in=[r["work_order_id"] for r in per_wo],
            date__gte=week.monday,
            date__lte=last_day,
        )
        .values("work_order_id")
        .annotate(h=Sum("hours"))
        .order_by()
    }
    baseline_h = sum(hours(r["h"]) for r in per_wo)
    as_scheduled = sum(min(hours(r["h"]), hours(charged.get(r["work_order_id"]))) for r in per_wo)
    done = sum(1 for r in per_wo if r["done"])
    break_in = ScheduleItem.objects.filter(mine, schedule=week, break_in=True).aggregate(
        n=Count("work_order", distinct=True), h=Sum("hours")
    )
    on_week = ScheduleItem.objects.filter(schedule=week).values("work_order_id")
    on_baseline = BaselineItem.objects.filter(schedule=week).values("work_order_id")
    worked = TimeCharge.objects.filter(
        Exists(qs.filter(pk=OuterRef("work_order_id"))),
        site_id=week.site_id,
        date__gte=week.monday,
        date__lte=last_day,
    ).aggregate(
        all=Sum("hours"),
        off=Sum(
            "hours",
            filter=~Q(work_order_id__in=on_week) & ~Q(work_order_id__in=on_baseline),
        ),
    )
    planned_h = hours(planned.aggregate(h=Sum("hours"))["h"])
    cap = forecast(week.site, week_days(week.site, week.monday))
    available = sum(hours(h) + hours(cap.pm_hours.get(k)) for k, h in cap.hours.items())
    bi_h = hours(break_in["h"])
    all_h = hours(worked["all"])
    return {
        "week": f"{week.site.code} {week.week}",
        "status": week.status,
        "baseline_wos": len(per_wo),
        "completed_wos": done,
        "compliance_wos": ratio_pct(done, len(per_wo)),
        "baseline_hours": baseline_h,
        "hours_as_scheduled": as_scheduled,
        "compliance_hours": ratio_pct(as_scheduled, baseline_h),
        "scheduled_hours": planned_h,
        "available_hours": available,
        "loading": ratio_pct(planned_h, available),
        "break_in_wos": break_in["n"] or 0,
        "break_in_hours": bi_h,
        "break_in_pct": ratio_pct(bi_h, baseline_h + bi_h),
        "charged_hours": all_h,
        "off_schedule_hours": hours(worked["off"]),
        "off_schedule_pct": ratio_pct(hours(worked["off"]), all_h),
    }


def _total(rows: list[dict[str, Any]], key: str) -> float:
    return float(sum(r[key] for r in rows))


def formulas(rows: list[dict[str, Any]], which: str) -> list[Formula]:
    judged = [r for r in rows if r["status"] != WeekStatus.DRAFT]
    b_wo, done = _total(judged, "baseline_wos"), _total(judged, "completed_wos")
    b_h, as_h = _total(judged, "baseline_hours"), _total(judged, "hours_as_scheduled")
    sched, avail = _total(rows, "scheduled_hours"), _total(rows, "available_hours")
    bi_h, bi_n = _total(judged, "break_in_hours"), _total(judged, "break_in_wos")
    all_h, off_h = _total(rows, "charged_hours"), _total(rows, "off_schedule_hours")
    found = {
        "schedule-compliance": [
            Formula(
                "Schedule compliance (work orders)",
                "baseline work orders physically complete by the end of their week ÷ baseline "
                "work orders × 100",
                {"baseline work orders": int(b_wo), "completed in their week": int(done)},
                ratio_pct(done, b_wo),
                "%",
                "The baseline is the week as frozen at its cut-off; break-in work is not in it.",
            ),
            Formula(
                "Schedule compliance (hours)",
                "Σ min(hours charged in the week, baseline hours) over baseline work orders ÷ "
                "Σ baseline hours × 100",
                {"baseline hours": round(b_h, 1), "hours worked as scheduled": round(as_h, 1)},
                ratio_pct(as_h, b_h),
                "%",
            ),
        ],
        "schedule-loading": [
            Formula(
                "Schedule loading",
                "hours scheduled at the freeze ÷ forecast available hours of the crews × 100",
                {"scheduled hours": round(sched, 1), "forecast available hours": round(avail, 1)},
                ratio_pct(sched, avail),
                "%",
                "Palmer: load each crew to 100 % of its forecast hours less the break-in "
                "allowance kept free.",
            )
        ],
        "break-in": [
            Formula(
                "Break-in work (hours)",
                "hours put into frozen weeks after the cut-off ÷ (baseline hours + break-in "
                "hours) × 100",
                {"break-in hours": round(bi_h, 1), "baseline hours": round(b_h, 1)},
                ratio_pct(bi_h, b_h + bi_h),
                "%",
            ),
            Formula(
                "Break-in work (work orders)",
                "work orders put into frozen weeks after the cut-off",
                {"weeks": len(judged)},
                int(bi_n),
                "work orders",
            ),
        ],
        "off-schedule": [
            Formula(
                "Work done off the schedule",
                "hours charged in a week to work orders not on that week's schedule ÷ all hours "
                "charged in the week × 100",
                {"hours off the schedule": round(off_h, 1), "all hours charged": round(all_h, 1)},
                ratio_pct(off_h, all_h),
                "%",
            )
        ],
    }
    return found[which]


TITLES = {
    "schedule-compliance": (
        "Schedule compliance",
        "How much of each frozen week was done as scheduled.",
    ),
    "schedule-loading": ("Schedule loading", "Scheduled hours against the crews' forecast hours."),
    "break-in": ("Break-in work", "Work put into frozen weeks after their cut-off."),
    "off-schedule": (
        "Work done off the schedule",
        "Hours charged to work on no schedule that week.",
    ),
}


# The weekly trend each report draws: (label, row key) per line.
TRENDS = {
    "schedule-compliance": [
        ("by work orders", "compliance_wos"),
        ("by hours", "compliance_hours"),
    ],
    "schedule-loading": [("loading", "loading")],
    "break-in": [("break-in % of hours", "break_in_pct")],
    "off-schedule": [("off the schedule %", "off_schedule_pct")],
}


def _chart(which: str, rows: list[dict[str, Any]]) -> str:
    top = max([100.0, *(float(r[k] or 0) for r in rows for _, k in TRENDS[which])])
    return str(
        charts.lines(
            f"{TITLES[which][0]} per week, %",
            [r["week"].split(" ")[-1] for r in rows],
            [(label, [r[key] for r in rows]) for label, key in TRENDS[which]],
            ylabel="%",
            ylim=(0, top),
        )
    )


def build(
    which: str,
    qs: QuerySet[WorkOrder],
    *,
    site_ids: list[int],
    start: dt.datetime,
    end: dt.datetime,
) -> Report:
    rows = week_rows(qs, weeks_in(site_ids, start, end))
    title, intro = TITLES[which]
    return Report(
        which,
        title,
        intro + " Per schedule week whose Monday falls in the period (default: the last 28 days).",
        [Table("weeks", "By week", WEEK_COLUMNS, rows)],
        formulas=formulas(rows, which),
        charts=[_chart(which, rows)],
        period=(start, end),
    )
