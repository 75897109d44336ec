"""The PM forecast: the load the plans will raise in the coming weeks, without raising it.

Each active plan's coming due dates are worked out as generation would find them (the
time trigger stepping by its interval, in season; a meter plan at its recent rate), up to
the last day asked for. Hours come from the plan's job plan (people × hours each, per
trade); a plan without a job plan is counted, with no hours. A floating plan waiting for
its open work is forecast from that work's due date.

`capacity_rows` is the scheduler's provider (setting WRENCH_PM_FORECAST, see
scheduling/capacity.py): rows of (crew, trade, day, hours) with the same fields as its
`PmForecast`; job plans name no crew, so each row is shared among the trade's crews.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from wrench.assets.models import Site
from wrench.core import clock
from wrench.planning.models import JobPlanLabour
from wrench.pm import due as dues
from wrench.pm.models import PmOccurrence, PmPlan

MAX_OCCURRENCES = 400  # per plan and forecast: a daily plan over a year, and then some


@dataclass(frozen=True)
class ForecastHours:
    crew: str | None
    trade: str
    day: dt.date
    hours: Decimal


@dataclass(frozen=True)
class Coming:
    plan_id: int
    title: str
    asset: str
    day: dt.date
    trigger: str
    hours: dict[str, Decimal]  # trade code → hours


def _dates(
    plan: PmPlan, first: dt.date, last: dt.date, today: dt.date
) -> Iterator[tuple[dt.date, str]]:
    step = plan.interval_days
    when = dues.time_due(plan)
    if when is None and step and plan.schedule == "floating":
        open_due = (
            PmOccurrence.objects.filter(plan=plan, work_order__isnull=False)
            .order_by("-seq")
            .values_list("due_on", flat=True)
            .first()
        )
        when = open_due + dt.timedelta(days=step) if open_due else None
    if plan.meter is not None and plan.next_meter_due is not None and plan.meter_interval:
        rate = plan.meter.rate_per_day
        est = dues.meter_estimate(plan.meter, plan.next_meter_due, today)
        meter_step = int(plan.meter_interval / rate) if rate and rate > 0 else None
        if est is not None and (when is None or est < when):
            # the meter comes first: the plan steps by whichever interval is shorter
            when, step = (
                est,
                min(x for x in (step, meter_step) if x) if (step or meter_step) else None,
            )
            trigger = "H"
        else:
            trigger = "T"
    else:
        trigger = "T"
    count = 0
    while when is not None and when <= last and count < MAX_OCCURRENCES:
        when = dues.into_season(plan, when)
        if when > last:
            break
        if when >= first:
            yield when, trigger
        if not step:
            break
        when += dt.timedelta(days=step)
        count += 1


def coming(site: Site, first: dt.date, last: dt.date) -> list[Coming]:
    """Every occurrence the site's active plans will fall due on from `first` to `last`."""
    today = clock.now().date()
    plans = list(PmPlan.objects.filter(site=site, active=True).select_related("meter", "asset"))
    labour: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    job_ids = {p.job_plan_id for p in plans if p.job_plan_id}
    for row in JobPlanLabour.objects.filter(job_plan_id__in=job_ids).select_related("trade"):
        labour[row.job_plan_id][row.trade.code] += row.people * row.hours_each
    found = []
    for plan in plans:
        hours = dict(labour.get(plan.job_plan_id or 0, {}))
        for day, trigger in _dates(plan, first, last, today):
            found.append(Coming(plan.pk, plan.title, plan.asset.code, day, trigger, hours))
    return sorted(found, key=lambda c: (c.day, c.plan_id))


def capacity_rows(site: Site, first_day: dt.date, last_day: dt.date) -> Iterator[ForecastHours]:
    """The scheduler's PM provider: hours per trade and day, for no crew in particular."""
    totals: dict[tuple[str, dt.date], Decimal] = defaultdict(Decimal)
    for c in coming(site, first_day, last_day):
        for trade, h in c.hours.items():
            totals[(trade, c.day)] += h
    for (trade, day), h in sorted(totals.items()):
        yield ForecastHours(None, trade, day, h)


def weekly(site: Site, weeks: int = 12, start: dt.date | None = None) -> dict[str, object]:
    """The load of the next `weeks` weeks from this Monday, by week and trade."""
    today = start or clock.now().date()
    monday = today - dt.timedelta(days=today.weekday())
    last = monday + dt.timedelta(weeks=weeks, days=-1)
    rows: dict[tuple[dt.date, str], dict[str, Decimal | int]] = {}
    unplanned: dict[dt.date, int] = defaultdict(int)
    for c in coming(site, monday, last):
        week = c.day - dt.timedelta(days=c.day.weekday())
        if not c.hours:
            unplanned[week] += 1
        for trade, h in c.hours.items():
            cell = rows.setdefault((week, trade), {"hours": Decimal(0), "occurrences": 0})
            cell["hours"] += h
            cell["occurrences"] += 1
    return {
        "site": site.code,
        "first_day": monday,
        "last_day": last,
        "rows": [
            {
                "week": w,
                "trade": t,
                "crew": None,
                "hours": v["hours"],
                "occurrences": v["occurrences"],
            }
            for (w, t), v in sorted(rows.items())
        ],
        "without_job_plan": [{"week": w, "occurrences": n} for w, n in sorted(unplanned.items())],
    }
