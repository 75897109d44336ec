"""The weekly urgent-work report (the spec: urgent counts and hours "reported weekly").

For each site, once per finished week (Monday to Sunday): the emergency (E) and urgent (U)
work orders raised that week and the hours charged to them, as `kpis.urgent_weekly` counts
them, queued to the same readers as the daily emergency report. One `UrgentReportRun` per
site and week: running it again, or two at once, sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from wrench.assets.models import Site
from wrench.core import clock
from wrench.reports import daily, kpis, periods
from wrench.reports.models import UrgentReportRun
from wrench.workorders.models import WorkOrder


@dataclass
class WeekSent:
    site: str
    week: dt.date
    emergency: int
    urgent: int
    recipients: int
    already: bool


def last_full_week(at: dt.datetime | None = None) -> dt.date:
    return periods.week_start(at or clock.now()) - dt.timedelta(weeks=1)


def send(site: Site, week: dt.date | None = None) -> WeekSent:
    """Queue the report of the week starting Monday `week` (default: the last full week)."""
    week = week or last_full_week()
    if UrgentReportRun.objects.filter(site=site, week=week).exists():
        return WeekSent(site.code, week, 0, 0, 0, already=True)
    end = periods.start_of_day(week + dt.timedelta(days=7)) - dt.timedelta(microseconds=1)
    row = kpis.urgent_weekly(WorkOrder.objects.filter(site=site), at=end, weeks=1)[0]
    people = daily.readers(site)
    subject = (
        f"Urgent work {site.code}, week of {week:%Y-%m-%d}: {row['emergency']} emergency, "
        f"{row['urgent']} urgent"
    )
    body = "\n".join(
        [
            f"Urgent work at {site.code} – {site.name}, week of {week:%Y-%m-%d} (Monday–Sunday).",
            "",
            f"Emergency (E) work orders raised: {row['emergency']}",
            f"Urgent (U) work orders raised:    {row['urgent']}",
            f"Hours charged to emergency work:  {row['emergency_hours']:.1f}",
            f"Hours charged to urgent work:     {row['urgent_hours']:.1f}",
            "",
            "Counted as on the KPI report: work raised in the week by its urgency code's "
            "effect (emergency_report → E, urgent_kpi → U); hours charged in the week.",
        ]
    )
    try:
        with transaction.atomic():
            UrgentReportRun.objects.create(
                site=site,
                week=week,
                emergency=row["emergency"],
                urgent=row["urgent"],
                recipients=len(people),
                created_at=clock.now(),
            )
            daily.deliver(site, people, subject, body)
    except IntegrityError:
        return WeekSent(site.code, week, row["emergency"], row["urgent"], 0, already=True)
    return WeekSent(site.code, week, row["emergency"], row["urgent"], len(people), False)
