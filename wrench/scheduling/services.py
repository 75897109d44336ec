"""The schedule week: create, place and move work, take it off, freeze, close.

Every function takes keyword-only arguments and an explicit actor, runs in one transaction
and locks the schedule week it changes (and the work order it places), so two schedulers
placing the same work at once queue: the second finds it scheduled and is told so.
Putting work on the week moves it RS → SC by the system (the event names the week);
taking it off moves it SC → RS. Work put into a frozen week is break-in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wrench.accounts.models import User
from wrench.assets.models import Crew, Site
from wrench.core import clock
from wrench.core.errors import Conflict, FieldError, NotAllowed, NotFound, ValidationFailed
from wrench.scheduling import notify, problem
from wrench.scheduling.capacity import settings_for
from wrench.scheduling.models import BaselineItem, ScheduleItem, ScheduleWeek, WeekStatus
from wrench.scheduling.optimiser import Job, day_range, span_of
from wrench.scheduling.placing import Load, name_people, people_free
from wrench.workorders.lifecycle import SYSTEM, System
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import check_site, transition
from wrench.workorders.status import Status

WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
MANAGE = "scheduling.manage_schedule"


def monday_of(week: str) -> dt.date:
    """The Monday of ISO week `2026-W50`; 400 naming the field when it is not one."""
    m = WEEK.match(week or "")
    try:
        if m is None:
            raise ValueError
        return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError:
        raise ValidationFailed(
            f"{week!r} is not a week", errors=[FieldError("week", "an ISO week: YYYY-Www")]
        ) from None


def week_of(day: dt.date) -> str:
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def cut_off_for(site: Site, monday: dt.date) -> dt.datetime:
    rules = settings_for(site)
    day = monday - dt.timedelta(days=rules.cut_off_days_before)
    return timezone.make_aware(dt.datetime.combine(day, rules.cut_off_time))


def may_schedule(actor: User | System, site_id: int) -> None:
    check_site(actor, site_id)
    if isinstance(actor, User) and not actor.has_perm(MANAGE):
        raise NotAllowed(
            f"building the schedule needs the scheduler role; you are {actor.role_label}"
        )


def create_schedule(*, actor: User, site: Site, week: str) -> ScheduleWeek:
    """A draft schedule for the site's week, its cut-off from the site's settings.
    Conflict (409) when the week has one already."""
    may_schedule(actor, site.pk)
    monday = monday_of(week)
    with transaction.atomic():
        if ScheduleWeek.objects.filter(site=site, week=week).exists():
            raise Conflict(f"{site.code} has a schedule for {week} already", status="exists")
        return ScheduleWeek.objects.create(
            site=site,
            week=week,
            monday=monday,
            cut_off=cut_off_for(site, monday),
            created_by=actor,
            created_at=clock.now(),
        )


def locked(schedule: ScheduleWeek) -> ScheduleWeek:
    return ScheduleWeek.objects.select_for_update().select_related("site").get(pk=schedule.pk)


def place(
    *,
    actor: User,
    schedule: ScheduleWeek,
    work_order: WorkOrder,
    crew: Crew,
    day: dt.date,
    people: list[User] | None = None,
    over_capacity: str = "",
) -> list[ScheduleItem]:
    """Put `work_order` on `crew` from `day` (over as many days as its hours need), or move it
    there if it is on this week already. Returns the items written.

    Refused (nothing changes): work that is not RS (or on this week, or IP for break-in);
    a day outside the week or outside its timing window; a crew of another site, or
    without the trades or people it needs; more hours than the crew has free (less the
    break-in allowance on a draft), unless `over_capacity` says why (recorded).
    """
    may_schedule(actor, schedule.site_id)
    if crew.site_id != schedule.site_id:
        raise ValidationFailed(
            f"crew {crew.code} is not a crew of {schedule.site.code}",
            errors=[FieldError("crew", "a crew of the schedule's site")],
        )
    if work_order.site_id != schedule.site_id:
        raise NotFound(f"no work order {work_order.number} at {schedule.site.code}")
    with transaction.atomic():
        week = locked(schedule)
        wo = (
            WorkOrder.objects.select_for_update(of=("self",))
            .select_related("site", "asset__area", "timing", "trade", "crew")
            .get(pk=work_order.pk)
        )
        if week.status == WeekStatus.CLOSED:
            raise Conflict(f"{week.week} is closed; nothing more goes on it", status=week.status)
        moving = _check_status(wo, week)
        plant = problem.load_plant(week.site, week.monday)
        job = problem.job_for(wo, problem.estimates_of([wo])[wo.pk], plant)
        days = _days(job, plant, day, crew)
        current = ScheduleItem.objects.filter(schedule=week).exclude(work_order=wo)
        load = Load.of(current)
        _check_room(job, plant, crew, days, load, week, over_capacity)
        free = people_free(plant, load)
        named = name_people(job, plant, crew, days, free, people)
        ScheduleItem.objects.filter(schedule=week, work_order=wo).delete()
        items = _write(week, wo, job, plant, crew, days, named, actor, over_capacity)
        what = f"on schedule {week.week}: crew {crew.code}, {day_range(days, plant.labels)}"
        if week.status == WeekStatus.FROZEN:
            what += " (break-in)"
        if wo.status == Status.RS:
            transition(wo, Status.SC, actor=SYSTEM, reason=what)
        _assign(wo, named, actor)
        notify.placed(wo, week, items, actor, moved=moving)
    return items


def _check_status(wo: WorkOrder, week: ScheduleWeek) -> bool:
    """True when the work order is on this week already (a move)."""
    if ScheduleItem.objects.filter(schedule=week, work_order=wo).exists():
        return True
    if wo.status == Status.RS:
        return False
    if wo.status == Status.IP and week.status == WeekStatus.FROZEN:
        return False  # break-in: started emergency or urgent work put into the week
    if wo.status == Status.SC:
        weeks = sorted(
            set(ScheduleItem.objects.filter(work_order=wo).values_list("schedule__week", flat=True))
        )
        where = f"schedule {', '.join(weeks)}" if weeks else "a schedule outside Wrench"
        raise Conflict(
            f"{wo.number} is on {where} already; take it off there first", status=wo.status
        )
    allowed = "RS" + (", or IP as break-in" if week.status == WeekStatus.FROZEN else "")
    raise Conflict(
        f"{wo.number} is {wo.status} ({wo.get_status_display()}); only ready work ({allowed}) "
        "can be put on the schedule",
        status=wo.status,
        allowed=[Status.SC],
    )


def _days(job: Job, plant: problem.Plant, day: dt.date, crew: Crew) -> list[int]:
    if day not in plant.days:
        raise ValidationFailed(
            f"{day} is not a working day of the week",
            errors=[FieldError("day", f"from {plant.days[0]} to {plant.days[-1]}")],
        )
    if not job.needs:
        raise ValidationFailed(
            f"{job.key} has no labour estimate and no trade with hours to schedule",
            errors=[FieldError("work_order", "estimate its labour (trade, people, hours) first")],
        )
    span = span_of(job, float(plant.day_hours))
    start = plant.index(day)
    days = list(range(start, start + span))
    if days[-1] >= len(plant.days):
        raise ValidationFailed(
            f"{job.key} takes {span} days; from {plant.labels[start]} it runs past the week",
            errors=[FieldError("day", f"start by {plant.labels[len(plant.days) - span]}")],
        )
    wrong = [d for d in days if d not in job.days]
    if wrong:
        allowed = day_range(job.days, plant.labels) if job.days else "no day this week"
        raise ValidationFailed(
            f"{job.key} cannot be done on {day_range(wrong, plant.labels)}: {job.days_why}",
            errors=[FieldError("day", f"allowed: {allowed}")],
        )
    return days


def _check_room(
    job: Job,
    plant: problem.Plant,
    crew: Crew,
    days: list[int],
    load: Load,
    week: ScheduleWeek,
    over_capacity: str,
) -> None:
    trades = {t.code: t for t in plant.trades.values()}
    span = len(days)
    problems = []
    keep = Decimal(1) if week.status == WeekStatus.FROZEN else 1 - plant.allowance_pct / 100
    for need in job.needs:
        trade = trades[need.trade]
        for d in days:
            day = plant.days[d]
            there = len(plant.capacity.people.get((crew.pk, day, trade.pk), []))
            if there < need.people:
                raise Conflict(
                    f"crew {crew.code} has {there} {need.trade} on {plant.labels[d]}; "
                    f"{job.key} needs {need.people}",
                    status="no_people",
                )
            have = plant.capacity.hours.get((crew.pk, day, trade.pk), Decimal(0)) * keep
            used = load.cell(crew.pk, day, trade.pk)
            want = Decimal(str(need.hours)) / span
            if used + want > have + Decimal("0.005"):
                problems.append(
                    f"{need.trade} on {plant.labels[d]}: {used:.1f} h of {have:.1f} h taken, "
                    f"needs {want:.1f} h more"
                )
    if problems and not over_capacity.strip():
        raise Conflict(
            f"crew {crew.code} is full: "
            + "; ".join(problems)
            + ". Choose another day or crew, or give a reason to place it above capacity",
            status="over_capacity",
        )


def _write(
    week: ScheduleWeek,
    wo: WorkOrder,
    job: Job,
    plant: problem.Plant,
    crew: Crew,
    days: list[int],
    named: dict[tuple[int, str], list[User]],
    actor: User | None,
    over_capacity: str,
) -> list[ScheduleItem]:
    trades = {t.code: t for t in plant.trades.values()}
    now = clock.now()
    items = []
    per_trade: dict[str, tuple[int, float]] = {}
    for need in job.needs:
        people, hours = per_trade.get(need.trade, (0, 0.0))
        per_trade[need.trade] = (max(people, need.people), hours + need.hours)
    for d in days:
        for code, (people, hours) in per_trade.items():
            item = ScheduleItem.objects.create(
                site_id=week.site_id,
                schedule=week,
                work_order=wo,
                crew=crew,
                trade=trades[code],
                day=plant.days[d],
                hours=Decimal(str(round(hours / len(days), 2))),
                people_needed=people,
                placed_by=actor,
                placed_at=now,
                break_in=week.status == WeekStatus.FROZEN,
                over_capacity=over_capacity.strip()[:200],
            )
            item.people.set(named.get((d, code), []))
            items.append(item)
    return items


def _assign(wo: WorkOrder, named: dict[tuple[int, str], list[User]], actor: User | System) -> None:
    """The work order's assignee: the first technician named on its first day."""
    first = next(
        (people[0] for _, people in sorted(named.items(), key=lambda kv: kv[0]) if people), None
    )
    if first is not None and wo.assigned_to_id != first.pk:
        wo.assigned_to = first
        wo._history_user = None if isinstance(actor, System) else actor  # type: ignore[attr-defined]
        wo.save(update_fields=["assigned_to", "updated_at"])


def remove(*, actor: User, schedule: ScheduleWeek, work_order: WorkOrder) -> None:
    """Take the work order off the week: its items go, and it moves SC → RS."""
    may_schedule(actor, schedule.site_id)
    with transaction.atomic():
        week = locked(schedule)
        if week.status == WeekStatus.CLOSED:
            raise Conflict(f"{week.week} is closed; it can no longer change", status=week.status)
        gone, _ = ScheduleItem.objects.filter(schedule=week, work_order=work_order).delete()
        if not gone:
            raise NotFound(f"{work_order.number} is not on schedule {week.week}")
        wo = WorkOrder.objects.select_for_update(of=("self",)).get(pk=work_order.pk)
        if wo.status == Status.SC:
            transition(wo, Status.RS, actor=actor, reason=f"taken off schedule {week.week}")
        notify.removed(wo, week, actor)


def freeze(*, actor: User | System, schedule: ScheduleWeek) -> ScheduleWeek:
    """Freeze the draft at its cut-off: the items as they are become the baseline."""
    may_schedule(actor, schedule.site_id)
    with transaction.atomic():
        week = locked(schedule)
        if week.status != WeekStatus.DRAFT:
            raise Conflict(
                f"{week.week} is {week.status}; only a draft can be frozen", status=week.status
            )
        items = list(ScheduleItem.objects.filter(schedule=week).prefetch_related("people"))
        BaselineItem.objects.bulk_create(
            BaselineItem(
                site_id=week.site_id,
                schedule=week,
                work_order_id=i.work_order_id,
                crew_id=i.crew_id,
                trade_id=i.trade_id,
                day=i.day,
                hours=i.hours,
                people=sorted(p.username for p in i.people.all()),
            )
            for i in items
        )
        week.status = WeekStatus.FROZEN
        week.frozen_at = clock.now()
        week.frozen_by = None if isinstance(actor, System) else actor
        week.save(update_fields=["status", "frozen_at", "frozen_by"])
    return week


def close(*, actor: User | System, schedule: ScheduleWeek) -> ScheduleWeek:
    """Close a week that is over (frozen, or a draft never frozen: frozen first)."""
    may_schedule(actor, schedule.site_id)
    with transaction.atomic():
        week = locked(schedule)
        if week.status == WeekStatus.CLOSED:
            raise Conflict(f"{week.week} is closed already", status=week.status)
        last = week.monday + dt.timedelta(days=6)
        if timezone.localdate(clock.now()) <= last:
            raise Conflict(f"{week.week} is not over until {last}", status=week.status)
        if week.status == WeekStatus.DRAFT:
            week = freeze(actor=actor, schedule=week)
        week.status = WeekStatus.CLOSED
        week.closed_at = clock.now()
        week.save(update_fields=["status", "closed_at"])
    return week


def sweep(now: dt.datetime | None = None) -> dict[str, list[str]]:
    """Freeze drafts whose cut-off has passed and close weeks that are over. Idempotent:
    running it twice, or two at once, changes each week once."""
    now = now or clock.now()
    done: dict[str, list[str]] = defaultdict(list)
    for week in ScheduleWeek.objects.filter(status=WeekStatus.DRAFT, cut_off__lte=now):
        try:
            freeze(actor=SYSTEM, schedule=week)
            done["frozen"].append(f"{week.site_id}:{week.week}")
        except Conflict:
            pass  # another sweep froze it meanwhile
    today = timezone.localdate(now)
    for week in ScheduleWeek.objects.filter(
        status=WeekStatus.FROZEN, monday__lte=today - dt.timedelta(days=7)
    ):
        try:
            close(actor=SYSTEM, schedule=week)
            done["closed"].append(f"{week.site_id}:{week.week}")
        except Conflict:
            pass
    return dict(done)
