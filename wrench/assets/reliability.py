"""MTTR and MTBF from downtime: one definition for the asset page, its API and the reports.

MTTR = Σ downtime hours ÷ failures; MTBF = (period hours − Σ downtime hours) ÷ failures.
Without a failure in the period there is no MTTR or MTBF (not infinite, not zero).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, DurationField, ExpressionWrapper, F, QuerySet, Sum

DURATION = ExpressionWrapper(F("ended_at") - F("started_at"), output_field=DurationField())


def hours_of(duration: dt.timedelta | None) -> float:
    return duration.total_seconds() / 3600 if duration else 0.0


def mttr_mtbf(
    period_hours: float, failures: int, down_hours: float
) -> tuple[float | None, float | None]:
    """(MTTR, MTBF) in hours, rounded as the pages show them; (None, None) without failures."""
    if not failures:
        return None, None
    return round(down_hours / failures, 2), round((period_hours - down_hours) / failures, 1)


@dataclass(frozen=True)
class Reliability:
    start: dt.datetime
    end: dt.datetime
    failures: int
    downtime_hours: float
    mttr: float | None
    mtbf: float | None

    @property
    def period_hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    @property
    def availability_pct(self) -> float:
        period = self.period_hours
        return round(100 * (period - self.downtime_hours) / period, 2) if period else 100.0


def reliability(downtimes: QuerySet, start: dt.datetime, end: dt.datetime) -> Reliability:
    """Over the periods of `downtimes` that start in [start, end), aggregated in SQL."""
    row = downtimes.filter(started_at__gte=start, started_at__lt=end).aggregate(
        failures=Count("id"), down=Sum(DURATION)
    )
    failures = int(row["failures"] or 0)
    down = round(hours_of(row["down"]), 2)
    mttr, mtbf = mttr_mtbf((end - start).total_seconds() / 3600, failures, down)
    return Reliability(start, end, failures, down, mttr, mtbf)
