"""PM compliance (SMRP) and PM work as a share of the hours, with formula and inputs.

PM compliance = PM work orders completed by their deadline ÷ PM work orders due in the
period and judged × 100, where:
- a PM work order is one raised by a PM plan (a raised occurrence, wrench.pm); it is due
  in the period when its occurrence's due date falls in it;
- its deadline is the due date plus the site's grace (PM settings, `compliance_grace`,
  or `?grace=` to try another rule): `due` on the due date; `day` one day later; `pct`
  20 % of the interval, rounded down to whole days, at most 28 days. The interval is the
  plan's interval in days; for a meter plan without one, the days since the plan's
  previous due date (the first occurrence of such a plan gets no grace);
- judged: completed (physically, CO) by the deadline — compliant; completed after it or
  not completed by a deadline already past — not compliant; cancelled — not compliant;
  not completed and the deadline still to come — pending, left out until it is judged;
- occurrences skipped with a reason raise no work and are left out (shown as an input).

PM work % of hours = hours charged in the period to PM work (initiated by T or H) ÷ all
hours charged in the period × 100 (SMRP: preventive maintenance labour hours ÷ total
maintenance labour hours).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Any

from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from wrench.core import clock
from wrench.core.errors import FieldError, ValidationFailed
from wrench.labor.models import TimeCharge
from wrench.pm.models import Grace, OccurrenceState, PmOccurrence, PmSettings
from wrench.reports import charts
from wrench.reports.table import Column, Formula, Report, Table, hours, ratio_pct
from wrench.workorders.models import WorkOrder
from wrench.workorders.status import Status

GRACE_CAP_DAYS = 28
GRACE_SHARE = 0.2
GENERATED = ("T", "H")
LISTED = 500  # rows of the "not compliant" table

TRIGGER_COLUMNS = [
    Column("trigger", "Trigger"),
    Column("due", "Due in the period", "int"),
    Column("on_time", "Completed by the deadline", "int"),
    Column("late", "Completed late", "int"),
    Column("missed", "Not completed, deadline past", "int"),
    Column("cancelled", "Cancelled", "int"),
    Column("pending", "Pending (deadline to come)", "int"),
    Column("compliance", "PM compliance %", "pct"),
]
LATE_COLUMNS = [
    Column("number", "Work order"),
    Column("plan", "PM plan"),
    Column("trigger", "Trigger"),
    Column("due_on", "Due", "date"),
    Column("deadline", "Deadline", "date"),
    Column("completed_on", "Completed", "date"),
    Column("judged", "Judged"),
]
TRIGGERS = {"T": "Time (T)", "H": "Meter (H)"}


def days(start: dt.datetime, end: dt.datetime) -> tuple[dt.date, dt.date]:
    """The first and last day (both included) of the half-open period [start, end)."""
    last = timezone.localtime(end - dt.timedelta(microseconds=1)).date()
    return timezone.localtime(start).date(), last


def grace_rule(query: Mapping[str, Any]) -> str | None:
    """`?grace=due|day|pct` overrides each site's setting; None: the sites' own rules."""
    raw = query.get("grace")
    if not raw:
        return None
    if raw not in Grace.values:
        allowed = "; ".join(f"{v} ({label})" for v, label in Grace.choices)
        raise ValidationFailed(
            "the report is not valid",
            errors=[FieldError("grace", f"{raw!r} is not a grace rule; use {allowed}")],
        )
    return str(raw)


def grace_days(rule: str, interval_days: int | None) -> int:
    if rule == Grace.ON_DUE:
        return 0
    if rule == Grace.ONE_DAY:
        return 1
    if not interval_days:
        return 0
    return min(int(interval_days * GRACE_SHARE), GRACE_CAP_DAYS)


def judge(deadline: dt.date, status: str, done: dt.date | None, today: dt.date) -> str:
    """on_time, late, missed, cancelled or pending (see the module doc)."""
    if done is not None and status != Status.CA:
        return "on_time" if done <= deadline else "late"
    if status == Status.CA:
        return "cancelled"
    return "missed" if deadline < today else "pending"


def _occurrences(qs: QuerySet[WorkOrder], start: dt.datetime, end: dt.datetime) -> Any:
    first, last = days(start, end)
    previous = (
        PmOccurrence.objects.filter(plan_id=OuterRef("plan_id"), seq__lt=OuterRef("seq"))
        .order_by("-seq")
        .values("due_on")[:1]
    )
    return (
        PmOccurrence.objects.filter(work_order__in=qs, due_on__gte=first, due_on__lte=last)
        .annotate(previous_due=Subquery(previous))
        .values(
            "site_id",
            "trigger",
            "due_on",
            "interval_days",
            "previous_due",
            "state",
            plan_title=F("plan__title"),
            number=F("work_order__number"),
            status=F("work_order__status"),
            completed_at=F("work_order__completed_at"),
        )
        .order_by("due_on", "plan_id", "seq")
    )


def _skipped(site_ids: list[int], start: dt.datetime, end: dt.datetime) -> int:
    first, last = days(start, end)
    return PmOccurrence.objects.filter(
        site_id__in=site_ids, state=OccurrenceState.SKIPPED, due_on__gte=first, due_on__lte=last
    ).count()


def compliance(
    qs: QuerySet[WorkOrder],
    *,
    site_ids: list[int],
    start: dt.datetime,
    end: dt.datetime,
    rule: str | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """Rows by trigger (and a total), the work orders not compliant, and the inputs."""
    rules = dict(
        PmSettings.objects.filter(site_id__in=site_ids).values_list("site_id", "compliance_grace")
    )
    today = clock.now().date()
    counts: dict[str, Counter[str]] = {t: Counter() for t in GENERATED}
    bad: list[dict[str, Any]] = []
    for occ in _occurrences(qs, start, end).iterator(chunk_size=2000):
        site_rule = rule or rules.get(occ["site_id"], Grace.PERCENT)
        interval = occ["interval_days"]
        if not interval and occ["previous_due"]:
            interval = (occ["due_on"] - occ["previous_due"]).days
        deadline = occ["due_on"] + dt.timedelta(days=grace_days(site_rule, interval))
        done = timezone.localtime(occ["completed_at"]).date() if occ["completed_at"] else None
        verdict = judge(deadline, occ["status"], done, today)
        counts[occ["trigger"]][verdict] += 1
        if verdict in ("late", "missed", "cancelled") and len(bad) < LISTED:
            bad.append(
                {
                    "number": occ["number"],
                    "plan": occ["plan_title"],
                    "trigger": occ["trigger"],
                    "due_on": occ["due_on"],
                    "deadline": deadline,
                    "completed_on": done,
                    "judged": verdict.replace("_", " "),
                }
            )
    rows = [_row(TRIGGERS[t], counts[t]) for t in GENERATED]
    total = sum(counts.values(), Counter())
    rows.append(_row("All PM", total))
    inputs = {
        "due and judged": rows[-1]["due"] - rows[-1]["pending"],
        "completed by the deadline": rows[-1]["on_time"],
        "completed late": rows[-1]["late"],
        "not completed, deadline past": rows[-1]["missed"],
        "cancelled": rows[-1]["cancelled"],
        "pending (deadline to come)": rows[-1]["pending"],
        "skipped with a reason": _skipped(site_ids, start, end),
        "grace": _grace_label(rule, rules, site_ids),
    }
    return rows, bad, inputs


def _row(label: str, c: Counter[str]) -> dict[str, Any]:
    due = sum(c.values())
    judged = due - c["pending"]
    return {
        "trigger": label,
        "due": due,
        "on_time": c["on_time"],
        "late": c["late"],
        "missed": c["missed"],
        "cancelled": c["cancelled"],
        "pending": c["pending"],
        "compliance": ratio_pct(c["on_time"], judged),
    }


def _grace_label(rule: str | None, rules: dict[int, str], site_ids: list[int]) -> str:
    labels = dict(Grace.choices)
    if rule:
        return f"{labels[rule]} (asked for)"
    used = {rules.get(s, Grace.PERCENT) for s in site_ids}
    return "; ".join(labels[r] for r in sorted(used)) or labels[Grace.PERCENT]


def pm_hours(qs: QuerySet[WorkOrder], start: dt.datetime, end: dt.datetime) -> tuple[float, float]:
    """(hours charged to PM work, all hours charged) in the period."""
    first, last = days(start, end)
    sums = TimeCharge.objects.filter(work_order__in=qs, date__gte=first, date__lte=last).aggregate(
        all=Sum("hours"),
        pm=Sum("hours", filter=Q(work_order__initiated_by__abbreviation__in=GENERATED)),
    )
    return hours(sums["pm"]), hours(sums["all"])


def build(
    qs: QuerySet[WorkOrder],
    *,
    site_ids: list[int],
    start: dt.datetime,
    end: dt.datetime,
    rule: str | None = None,
) -> Report:
    rows, bad, inputs = compliance(qs, site_ids=site_ids, start=start, end=end, rule=rule)
    pm_h, all_h = pm_hours(qs, start, end)
    total = rows[-1]
    formulas = [
        Formula(
            "PM compliance",
            "PM work orders completed by their deadline ÷ PM work orders due in the period "
            "and judged × 100 (deadline = due date + grace)",
            inputs,
            ratio_pct(total["on_time"], total["due"] - total["pending"]),
            "%",
            "SMRP: PM work completed within its grace. Grace rules: on the due date; +1 day; "
            "+20 % of the interval at most 28 days (a site's PM settings). Pending work is "
            "judged once its deadline passes.",
        ),
        Formula(
            "PM work % of hours",
            "hours charged to PM work (initiated by T or H) ÷ all hours charged × 100",
            {"PM hours": round(pm_h, 1), "all hours charged": round(all_h, 1)},
            ratio_pct(pm_h, all_h),
            "%",
        ),
    ]
    return Report(
        "pm-compliance",
        "PM compliance",
        "PM work due in the period (default: the last 28 days), judged against its deadline; "
        "and PM work as a share of the hours charged.",
        [
            Table("triggers", "By trigger", TRIGGER_COLUMNS, rows),
            Table(
                "not-compliant",
                "PM work not done by its deadline",
                LATE_COLUMNS,
                bad,
                note=f"At most {LISTED} rows." if len(bad) >= LISTED else "",
            ),
        ],
        formulas=formulas,
        charts=[_chart(rows[:-1])],
        period=(start, end),
    )


def _chart(rows: list[dict[str, Any]]) -> str:
    parts = [("on time", "on_time"), ("late", "late"), ("missed", "missed")]
    parts += [("cancelled", "cancelled"), ("pending", "pending")]
    return str(
        charts.bars(
            "PM work due in the period, by trigger and how it was judged",
            [r["trigger"] for r in rows],
            [(label, [r[key] for r in rows]) for label, key in parts],
            ylabel="work orders",
            stacked=True,
        )
    )
