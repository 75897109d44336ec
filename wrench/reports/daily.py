"""The daily emergency report: built per site for one day and queued once per site and day."""

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


def readers(site: Site) -> list[User]:
    groups = Group.objects.filter(name__in=[str(r) for r in READERS])
    return list(
        User.objects.filter(is_active=True, sites=site, groups__in=groups)
        .distinct()
        .order_by("username")
    )


def report_for(site: Site, day: dt.date) -> Report:
    start = periods.start_of_day(day)
    return emergency.build(WorkOrder.objects.filter(site=site), start, start + dt.timedelta(days=1))


def send(site: Site, day: dt.date) -> Sent:
    """Queue the report for `day` to the site's readers, unless it was queued already."""
    report = report_for(site, day)
    count = len(report.tables[0].rows)
    people = readers(site)
    try:
        with transaction.atomic():
            EmergencyReportRun.objects.create(
                site=site,
                day=day,
                work_orders=count,
                recipients=len(people),
                created_at=clock.now(),
            )
            subject = f"Emergency report {site.code} {day:%Y-%m-%d}: {count} work order(s)"
            body = render_to_string(
                "reports/emergency_mail.txt", {"report": report, "site": site, "day": day}
            )
            deliver(site, people, subject, body)
    except IntegrityError:
        return Sent(site.code, day, count, 0, already=True)
    return Sent(site.code, day, count, len(people), already=False)


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
