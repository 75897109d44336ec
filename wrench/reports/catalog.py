"""Every report by its slug: how to build it from a user and query parameters.

Pages, exports, the API and the emergency command all go through `build`, so each
shows the same figures.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from wrench.accounts.models import User
from wrench.core.errors import FieldError, NotFound, ValidationFailed
from wrench.reports import (
    backlog,
    breakdowns,
    coding_health,
    detection,
    emergency,
    inspections,
    kpi_report,
    periods,
    pm_compliance,
    schedule,
    shutdown,
)
from wrench.reports.scope import work_orders
from wrench.reports.table import Report

Query = Mapping[str, Any]


@dataclass(frozen=True)
class Entry:
    slug: str
    title: str
    summary: str
    build: Callable[[User, Query], Report]


def _sites(user: User) -> list[int]:
    return sorted(user.site_ids())


def _hours_per_week(query: Query) -> Decimal:
    raw = query.get("hours_per_week") or backlog.HOURS_PER_WEEK
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        value = Decimal(-1)
    if not Decimal(1) <= value <= Decimal(168):
        raise ValidationFailed(
            "the report is not valid",
            errors=[FieldError("hours_per_week", f"{raw!r}: give hours from 1 to 168")],
        )
    return value


def _emergency(user: User, q: Query) -> Report:
    start, end = periods.period(q, default_days=1)
    return emergency.build(work_orders(user, q), start, end)


def _breakdown(user: User, q: Query) -> Report:
    start, end = periods.period(q, default_days=90)
    return breakdowns.build(
        work_orders(user, q),
        site_ids=_sites(user),
        by=str(q.get("by") or "reason"),
        cross=str(q.get("cross") or "") or None,
        start=start,
        end=end,
    )


def _detection(user: User, q: Query) -> Report:
    start, end = periods.period(q, default_days=90)
    return detection.build(
        work_orders(user, q), same=str(q.get("same") or "action"), start=start, end=end
    )


def _programmes(user: User, q: Query) -> Report:
    start, end = periods.period(q, default_days=90)
    return inspections.build(work_orders(user, q), start=start, end=end)


def _coding(user: User, q: Query) -> Report:
    return coding_health.build(work_orders(user, q), site_ids=_sites(user))


def _backlog(user: User, q: Query) -> Report:
    return backlog.build(
        work_orders(user, q), site_ids=_sites(user), hours_per_week=_hours_per_week(q)
    )


def _shutdown(user: User, q: Query) -> Report:
    return shutdown.build(work_orders(user, q), timing_given=bool(q.get("timing")))


def _kpis(user: User, q: Query) -> Report:
    start, end = periods.period(q, default_days=28)
    return kpi_report.build(work_orders(user, q), start=start, end=end)


def _schedule(which: str) -> Callable[[User, Query], Report]:
    def build(user: User, q: Query) -> Report:
        start, end = periods.period(q, default_days=28)
        return schedule.build(
            which, work_orders(user, q), site_ids=_sites(user), start=start, end=end
        )

    return build


def _pm_compliance(user: User, q: Query) -> Report:
    start, end = periods.period(q, default_days=28)
    return pm_compliance.build(
        work_orders(user, q),
        site_ids=_sites(user),
        start=start,
        end=end,
        rule=pm_compliance.grace_rule(q),
    )


def _dashboard(user: User, q: Query) -> Report:
    return kpi_report.dashboard(work_orders(user, q), site_ids=_sites(user))


REPORTS: dict[str, Entry] = {
    e.slug: e
    for e in [
        Entry(
            "dashboard", "Manager dashboard", "Headline KPIs and their 12-week trends.", _dashboard
        ),
        Entry(
            "emergency", "Emergency report", "Emergency work raised in the last day.", _emergency
        ),
        Entry(
            "kpis",
            "KPIs",
            "Planned, reactive, urgent, estimate accuracy, MTTR/MTBF, rework, PM yield.",
            _kpis,
        ),
        Entry("backlog", "Backlog", "By priority, in crew-weeks per trade, and by age.", _backlog),
        Entry(
            "shutdown",
            "Shutdown lists",
            "Work needing an outage, with material readiness.",
            _shutdown,
        ),
        Entry(
            "schedule-compliance",
            "Schedule compliance",
            "Frozen weeks done as scheduled: by work orders and by hours.",
            _schedule("schedule-compliance"),
        ),
        Entry(
            "schedule-loading",
            "Schedule loading",
            "Scheduled hours ÷ the crews' forecast available hours.",
            _schedule("schedule-loading"),
        ),
        Entry(
            "break-in",
            "Break-in work",
            "Hours and work orders put into frozen weeks after the cut-off.",
            _schedule("break-in"),
        ),
        Entry(
            "off-schedule",
            "Work done off the schedule",
            "Hours charged to work on no schedule that week.",
            _schedule("off-schedule"),
        ),
        Entry(
            "pm-compliance",
            "PM compliance",
            "PM work done by its deadline (SMRP, the site's grace) and PM % of hours.",
            _pm_compliance,
        ),
        Entry(
            "breakdown",
            "Breakdowns",
            "Counts and hours by any characteristic, or two crossed.",
            _breakdown,
        ),
        Entry(
            "detection",
            "Who detected it first",
            "Repeated requests on the same asset and failure.",
            _detection,
        ),
        Entry(
            "inspection-programmes",
            "Inspection programmes",
            "What each inspection programme (ID by) costs and finds; PM yield.",
            _programmes,
        ),
        Entry(
            "coding-health",
            "Coding health",
            "Value use, values never used, missing required values.",
            _coding,
        ),
    ]
}


def build(slug: str, user: User, query: Query) -> Report:
    entry = REPORTS.get(slug)
    if entry is None:
        raise NotFound(f"no report {slug!r}; reports: {', '.join(REPORTS)}")
    return entry.build(user, query)
