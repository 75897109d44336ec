"""When in the week a job may be done: its timing code against the shutdown windows.

The spec's timing values (WO – Timing) and what the schedule makes of them:
- R run, P shut preparation: any day;
- A area shutdown: only on a day an outage covers its equipment (an area, major or total
  outage of its area or asset, or a site-wide one);
- M major shutdown: only inside a major or total outage covering it;
- T total outage: only inside a total (site-wide) outage;
- U must run: only on days its equipment runs, i.e. no outage covers it;
- D deadline: on or before its needed-by date.
Every job with a needed-by date inside the week is placed on or before it; a date before
the week (overdue) restricts nothing (the sooner the better). Pure functions over day
indexes, so the benchmark and the service decide the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wrench.scheduling.optimiser import day_range

# Which outage kinds make room for work of each shutdown timing (a bigger outage also
# opens the equipment a smaller one would).
OPENED_BY = {"A": ("A", "M", "T"), "M": ("M", "T"), "T": ("T",)}


@dataclass(frozen=True)
class Outage:
    """A shutdown window as the schedule sees it: its kind, what it covers, its days."""

    kind: str  # A, M or T
    label: str  # "area 200 shutdown", "P-101 outage", "total outage"
    days: frozenset[int]


def allowed_days(
    timing: str,
    n_days: int,
    covering: Sequence[Outage],
    *,
    needed_by: int | None = None,
    where: str = "",
    labels: Sequence[str] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
) -> tuple[frozenset[int], str]:
    """The days a job may be placed and, when restricted, the plain reason.

    `covering` are the outages of the week that cover the job's equipment; `needed_by` is
    the day index of its needed-by date (negative: before the week; None: none) and
    `where` names its equipment's area for messages ("area 200").
    """
    every = frozenset(range(n_days))
    days, why = every, ""
    if timing in OPENED_BY:
        kinds = OPENED_BY[timing]
        days = frozenset(d for o in covering if o.kind in kinds for d in o.days) & every
        wanted = _wanted(timing, where)
        if not days:
            return days, f"needs {wanted}; none this week"
        why = f"needs {wanted} ({day_range(days, labels)})"
    elif timing == "U":
        down = frozenset(d for o in covering for d in o.days)
        days = every - down
        if not days:
            return days, f"must run, but {where or 'its equipment'} is shut down all week"
        if down:
            why = f"must run; {where or 'its equipment'} is down {day_range(down & every, labels)}"
    if needed_by is not None and needed_by >= 0:
        before = frozenset(d for d in days if d <= needed_by)
        if not before:
            if needed_by < n_days:
                when = labels[needed_by]
                return before, f"needed by {when}; " + (why or "no earlier day allowed")
            return days, why
        if needed_by < n_days - 1:
            days = before
            why = (
                f"{why}; needed by {labels[needed_by]}" if why else f"needed by {labels[needed_by]}"
            )
    elif timing == "D" and needed_by is None:
        why = why or "deadline work without a needed-by date: any day"
    return days, why


def _wanted(timing: str, where: str) -> str:
    if timing == "T":
        return "a total outage"
    if timing == "M":
        return f"a major shutdown of {where}" if where else "a major shutdown"
    return f"{where} shutdown" if where else "an area shutdown"
