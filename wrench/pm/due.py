"""When a plan falls due: the calendar, the meter, the season. Pure arithmetic on a plan's
fields (and its meter's); nothing here writes.

- A time plan is due on `next_due`; moved to the first day of the season when it falls
  outside the plan's months (`season_from`–`season_to`, which may wrap over the new year).
- A meter plan is due when the meter's total reaches `next_meter_due`; its estimated date
  comes from the meter's recent rate.
- The work is raised `lead_days` before the due date (meter: before the estimated date).
- Whichever comes first raises the work; it is coded initiated_by T (time) or H (meter).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wrench.pm.models import Meter, PmPlan


def in_season(plan: PmPlan, day: dt.date) -> bool:
    lo, hi = plan.season_from, plan.season_to
    if not lo or not hi:
        return True
    if lo <= hi:
        return lo <= day.month <= hi
    return day.month >= lo or day.month <= hi  # wraps: November to February


def into_season(plan: PmPlan, day: dt.date) -> dt.date:
    """`day`, or the first day of the plan's season after it when `day` is out of season."""
    if in_season(plan, day) or not plan.season_from:
        return day
    year = day.year if day.month < plan.season_from else day.year + 1
    return dt.date(year, plan.season_from, 1)


def time_due(plan: PmPlan) -> dt.date | None:
    """The date the time trigger falls due (in season), or None (no time trigger, or a
    floating plan waiting for its open work to be completed)."""
    if not plan.interval_days or plan.next_due is None:
        return None
    return into_season(plan, plan.next_due)


def meter_estimate(meter: Meter | None, target: Decimal | None, today: dt.date) -> dt.date | None:
    """The day the meter's total reaches `target` at its recent rate; today when it has."""
    if meter is None or target is None:
        return None
    if meter.total >= target:
        return today
    rate = meter.rate_per_day
    if not rate or rate <= 0:
        return None
    days = math.ceil((target - meter.total) / rate)
    start = meter.last_at.date() if meter.last_at else today
    try:
        return max(today, start + dt.timedelta(days=min(days, 365 * 100)))
    except OverflowError:
        return None


@dataclass(frozen=True)
class Due:
    """A plan's due occurrence: by which trigger, its due date, the meter total it waits for."""

    trigger: str  # "T" or "H"
    due_on: dt.date
    reading: Decimal | None = None


def due_now(plan: PmPlan, today: dt.date) -> Due | None:
    """The occurrence to raise today, or None. Paused plans never fall due; out of season
    no meter plan raises work (its time trigger waits for the season itself)."""
    if not plan.active:
        return None
    lead = dt.timedelta(days=plan.lead_days)
    when = time_due(plan)
    time_hit = when is not None and when - lead <= today
    meter_hit = False
    estimate = None
    if plan.meter_id and plan.next_meter_due is not None and in_season(plan, today):
        meter = plan.meter
        assert meter is not None
        estimate = meter_estimate(meter, plan.next_meter_due, today)
        meter_hit = meter.total >= plan.next_meter_due or (
            estimate is not None and estimate - lead <= today
        )
    if when is not None and time_hit and (not meter_hit or when <= (estimate or when)):
        return Due("T", when)
    if meter_hit:
        return Due("H", estimate or today, plan.next_meter_due)
    return None


def next_due_date(plan: PmPlan, today: dt.date) -> dt.date | None:
    """The date a planner sees as "next due": the time trigger's, or the meter's estimate,
    whichever is earlier."""
    dates = [time_due(plan)]
    if plan.meter_id and plan.next_meter_due is not None:
        dates.append(meter_estimate(plan.meter, plan.next_meter_due, today))
    found = [d for d in dates if d is not None]
    return min(found) if found else None


def step_past(due: dt.date, interval: int, today: dt.date, lead_days: int) -> tuple[dt.date, int]:
    """The due date after `due` that is not yet to be raised, and how many due dates were
    passed over on the way (missed: the plan raises one work order, not one per date)."""
    nxt = due + dt.timedelta(days=interval)
    missed = 0
    lead = dt.timedelta(days=lead_days)
    if nxt - lead <= today:
        # Jump in one step rather than loop: a daily plan missed for years stays cheap.
        gap = (today + lead - nxt).days
        n = gap // interval + 1
        missed = n
        nxt += dt.timedelta(days=n * interval)
    return nxt, missed
