"""The demo plant's schedule: crews with named technicians, calendars (one on leave next week),
an area shutdown next week, this week frozen with some break-in work, next week a draft.

Built through the same services a scheduler uses, after the demo's work orders exist.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group
from django.utils import timezone

from wrench.accounts.models import User
from wrench.assets.models import Area, Crew, Site, Trade
from wrench.core import clock
from wrench.demo.context import Demo
from wrench.scheduling import optimising, people, services
from wrench.scheduling.models import CrewMember, ScheduleItem
from wrench.workorders import services as wo_services
from wrench.workorders.models import WorkOrder
from wrench.workorders.status import Status

PASSWORD = "wrench"
# crew code, crew name, area code or None, members: (username, first, last, trade)
CREWS: tuple[tuple[str, str, str | None, tuple[tuple[str, str, str, str], ...]], ...] = (
    (
        "UTIL-MECH",
        "Utilities area mechanical crew",
        None,
        (
            ("technician", "Terry", "Tech", "MECH"),
            ("amelia", "Amelia", "Osei", "MECH"),
            ("bruno", "Bruno", "Costa", "MECH"),
            ("chen", "Chen", "Wei", "MECH"),
            ("gus", "Gus", "Lindqvist", "WELD"),
        ),
    ),
    (
        "MILL-MECH",
        "Grinding mechanical crew",
        "200",
        (
            ("hana", "Hana", "Sato", "MECH"),
            ("ivan", "Ivan", "Petrov", "MECH"),
            ("jon", "Jon", "Reyes", "WELD"),
        ),
    ),
    (
        "PA1-EI",
        "Process area #1 electrical/instrument crew",
        None,
        (
            ("dara", "Dara", "Nwosu", "ELEC"),
            ("emeka", "Emeka", "Obi", "ELEC"),
            ("farah", "Farah", "Haddad", "INST"),
        ),
    ),
)


def load(demo: Demo) -> None:
    """Add the schedule to the demo plant (once: nothing is added when crews have members)."""
    site, say = demo.site, demo.say
    if CrewMember.objects.filter(site=site).exists():
        return
    admin = User.objects.get(username="admin")
    scheduler = User.objects.get(username="scheduler")
    _crews(site, admin)
    today = timezone.localdate(clock.now())
    monday = today - dt.timedelta(days=today.weekday())
    next_monday = monday + dt.timedelta(days=7)
    _calendars(site, scheduler, monday, next_monday)
    grinding = Area.objects.get(site=site, code="200")
    people.add_shutdown(
        actor=scheduler,
        site=site,
        kind="A",
        area=grinding,
        starts=next_monday + dt.timedelta(days=1),
        ends=next_monday + dt.timedelta(days=2),
        name="Grinding line relining",
    )
    _unschedule_legacy(site, scheduler)
    this_week = services.create_schedule(actor=scheduler, site=site, week=services.week_of(monday))
    optimising.optimise(actor=scheduler, schedule=this_week, time_limit=3)
    _technician_has_work(site, scheduler, this_week, monday)
    services.freeze(actor=scheduler, schedule=this_week)
    _break_in(site, scheduler, this_week, today)
    upcoming = services.create_schedule(
        actor=scheduler, site=site, week=services.week_of(next_monday)
    )
    optimising.optimise(actor=scheduler, schedule=upcoming, time_limit=3)
    say(
        f"Site {site}: schedule {this_week.week} frozen with break-in work, "
        f"{upcoming.week} drafted; {ScheduleItem.objects.filter(site=site).count()} items."
    )


def _crews(site: Site, admin: User) -> None:
    group = Group.objects.get(name="technician")
    trades = {t.code: t for t in Trade.objects.filter(site=site)}
    for code, name, area, members in CREWS:
        crew = Crew.objects.filter(site=site, code=code).first() or people.create_crew(
            actor=admin, site=site, code=code, name=name
        )
        if area:
            people.update_crew(actor=admin, crew=crew, area=Area.objects.get(site=site, code=area))
        for username, first, last, trade in members:
            person = User.objects.filter(username=username).first()
            if person is None:
                person = User.objects.create_user(
                    username=username, password=PASSWORD, first_name=first, last_name=last
                )
                person.groups.add(group)
                person.sites.add(site)
            person.trade = trades[trade]
            person.first_name, person.last_name = first, last
            person.save(update_fields=["trade", "first_name", "last_name"])
            people.add_member(actor=admin, crew=crew, person=person, trade=trades[trade])


def _calendars(site: Site, scheduler: User, monday: dt.date, next_monday: dt.date) -> None:
    by = {
        u.username: u for u in User.objects.filter(username__in=["chen", "bruno", "amelia", "dara"])
    }
    # Chen works four ten-hour days; Dara a short Friday.
    people.set_calendar(
        actor=scheduler, site=site, person=by["chen"], hours=[10, 10, 10, 10, 0, 0, 0]
    )
    people.set_calendar(actor=scheduler, site=site, person=by["dara"], hours=[8, 8, 8, 8, 6, 0, 0])
    people.add_absence(
        actor=scheduler,
        site=site,
        person=by["bruno"],
        kind="leave",
        starts=next_monday,
        ends=next_monday + dt.timedelta(days=4),
        note="Annual leave",
    )
    people.add_absence(
        actor=scheduler,
        site=site,
        person=by["amelia"],
        kind="training",
        starts=monday + dt.timedelta(days=2),
        ends=monday + dt.timedelta(days=2),
        hours_per_day=Decimal(4),
        note="Confined space refresher",
    )


def _unschedule_legacy(site: Site, scheduler: User) -> None:
    """The demo's older scheduled work has no week: it goes back to ready, to be scheduled."""
    for wo in WorkOrder.objects.filter(site=site, status=Status.SC, schedule_items__isnull=True):
        wo_services.transition(
            wo, Status.RS, actor=scheduler, reason="moved onto the weekly schedule in Wrench"
        )


def _technician_has_work(site: Site, scheduler: User, week: Any, monday: dt.date) -> None:
    tech = User.objects.get(username="technician")
    if ScheduleItem.objects.filter(schedule=week, people=tech).exists():
        return
    crew = Crew.objects.get(site=site, code="UTIL-MECH")
    for wo in WorkOrder.objects.filter(site=site, status=Status.RS, trade__code="MECH").order_by(
        "-priority"
    )[:20]:
        for k in range(5):
            try:
                services.place(
                    actor=scheduler,
                    schedule=week,
                    work_order=wo,
                    crew=crew,
                    day=monday + dt.timedelta(days=k),
                    people=[tech],
                )
                return
            except Exception:  # full, outside its window, too long: try the next day or job
                continue


def _break_in(site: Site, scheduler: User, week: Any, today: dt.date) -> None:
    """Urgent ready work that was not on the frozen baseline, put into the week after its
    cut-off: break-in (the demo keeps its 500 work orders, so it takes work already ready)."""
    crew = Crew.objects.get(site=site, code="UTIL-MECH")
    monday = today - dt.timedelta(days=today.weekday())
    week_days = [monday + dt.timedelta(days=k) for k in range(5)]
    days = [d for d in week_days if d >= today] or week_days[-1:]
    ready = WorkOrder.objects.filter(site=site, status=Status.RS, trade__code="MECH")
    placed = 0
    for wo in ready.order_by("-urgency__abbreviation", "-priority")[:15]:
        for day in days:
            try:
                services.place(actor=scheduler, schedule=week, work_order=wo, crew=crew, day=day)
                placed += 1
                break
            except Exception:  # full that day, too long, outside its window: the next
                continue
        if placed == 2:
            return
