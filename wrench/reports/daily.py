"""The daily emergency report: per site, everything raised since the site's previous report.

A report covers from the end of the previous one (or, for a site's first, the start of the
day asked for) to the end of that day or now, whichever is sooner. Running it early in the
day therefore reports the day so far, and the next run picks up where it stopped: no
emergency raised later is ever left out, and none is reported twice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from wrench.accounts.models import User
from wrench.accounts.roles import Role
from wrench.assets.models import Site
from wrench.core import clock
from wrench.notifications.models import Message
from wrench.notifications.outbox import _enqueue
from wrench.reports import emergency, periods
from wrench.reports.models import EmergencyReportRun
from wrench.reports.table import Report
from wrench.workorders.models import WorkOrder

# Who reads it: the spec's "supervisors, superintendents and the maintenance manager".
# Superintendents hold the supervisor or manager role here.
READERS = (Role.SUPERVISOR, Role.MANAGER)


@dataclass
class Sent:
    site: str
    day: dt.date
    work_orders: int
    recipients: int
    already: bool
    covered_from: dt.datetime | None = None
    covered_until: dt.datetime | None = None


def readers(site: Site) -> list[User]:
    groups = Group.objects.filter(name__in=[str(r) for r in READERS])
    return list(
        User.objects.filter(is_active=True, sites=site, groups__in=groups)
        .distinct()
        .order_by("username")
    )


def report_for(site: Site, start: dt.datetime, end: dt.datetime) -> Report:
    return emergency.build(WorkOrder.objects.filter(site=site), start, end)


def period_to_send(site: Site, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Where the next report of `site` starts and ends when asked for `day` (start ≥ end:
    nothing left to report)."""
    end = min(periods.start_of_day(day + dt.timedelta(days=1)), clock.now())
    previous = (
        EmergencyReportRun.objects.filter(site=site)
        .order_by("-covered_until")
        .values_list("covered_until", flat=True)
        .first()
    )
    return (previous or periods.start_of_day(day)), end


def send(site: Site, day: dt.date) -> Sent:
    """Queue the report of everything raised since the site's previous report (up to the end
    of `day`) to the site's readers; `already` when that period was reported."""
    start, end = period_to_send(site, day)
    if start >= end:
        return Sent(site.code, day, 0, 0, already=True, covered_until=start)
    report = report_for(site, start, end)
    count = len(report.tables[0].rows)
    people = readers(site)
    try:
        with transaction.atomic():
            EmergencyReportRun.objects.create(
                site=site,
                day=day,
                covered_from=start,
                covered_until=end,
                work_orders=count,
                recipients=len(people),
                created_at=clock.now(),
            )
            subject = f"Emergency report {site.code} {day:%Y-%m-%d}: {count} work order(s)"
            body = render_to_string(
                "reports/emergency_mail.txt",
                {"report": report, "site": site, "day": day, "start": start, "end": end},
            )
            deliver(site, people, subject, body)
    except IntegrityError:
        return Sent(site.code, day, count, 0, already=True, covered_until=end)
    return Sent(site.code, day, count, len(people), False, start, end)


def deliver(site: Site, people: list[User], subject: str, body: str) -> None:
    """Put one message per reader in the outbox; the notifications task sends them."""
    now = clock.now()
    Message.objects.bulk_create(
        Message(
            site=site,
            recipient=person,
            subject=subject[:200],
            body=body,
            next_attempt_at=now,
            created_at=now,
        )
        for person in people
    )
    if people:
        transaction.on_commit(_enqueue)


def yesterday() -> dt.date:
    from django.utils import timezone

    return timezone.localtime(clock.now()).date() - dt.timedelta(days=1)
