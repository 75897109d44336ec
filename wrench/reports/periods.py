"""Report periods: a half-open [start, end) interval of aware datetimes, and 12-week windows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from wrench.core import clock
from wrench.core.errors import FieldError, ValidationFailed


def _date(query: Mapping[str, Any], key: str, errors: list[FieldError]) -> dt.date | None:
    raw = query.get(key)
    if not raw:
        return None
    try:
        day = dt.date.fromisoformat(str(raw))
    except ValueError:
        errors.append(FieldError(key, f"{raw!r} is not a date; write YYYY-MM-DD"))
        return None
    problem = clock.day_problem(day)
    if problem:
        errors.append(FieldError(key, problem))
        return None
    return day


def start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def period(query: Mapping[str, Any], *, default_days: int) -> tuple[dt.datetime, dt.datetime]:
    """`?from=YYYY-MM-DD&to=YYYY-MM-DD` (both days included) or the last `default_days`.

    Without dates the period ends now and starts `default_days` earlier (the emergency
    report's "last day" is the last 24 hours).
    """
    errors: list[FieldError] = []
    first, last = _date(query, "from", errors), _date(query, "to", errors)
    if errors:
        raise ValidationFailed("the period is not valid", errors=errors)
    now = clock.now()
    end = start_of_day(last + dt.timedelta(days=1)) if last else now
    start = start_of_day(first) if first else end - dt.timedelta(days=default_days)
    if start >= end:
        raise ValidationFailed(
            "the period is not valid",
            errors=[FieldError("from", "the first day must be on or before the last day")],
        )
    return start, end


def week_start(moment: dt.datetime) -> dt.date:
    """Monday of the ISO week holding `moment` (in the current time zone)."""
    day = timezone.localtime(moment).date()
    return day - dt.timedelta(days=day.weekday())


def last_weeks(n: int = 12, *, at: dt.datetime | None = None) -> tuple[list[dt.date], dt.datetime]:
    """The Mondays of the last `n` weeks, the current week last, and the first Monday's start."""
    this_monday = week_start(at or clock.now())
    mondays = [this_monday - dt.timedelta(weeks=k) for k in range(n - 1, -1, -1)]
    return mondays, start_of_day(mondays[0])
