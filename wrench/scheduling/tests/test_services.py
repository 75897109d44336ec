"""The schedule week through its services: place, move, refuse, take off, freeze, break-in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from wrench.core.errors import Conflict, NotAllowed, ValidationFailed
from wrench.notifications.models import Message
from wrench.scheduling import optimising, services
from wrench.scheduling.models import Absence, BaselineItem, ScheduleItem, ShutdownWindow
from wrench.scheduling.tests.conftest import MONDAY, WEEK
from wrench.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db
TUE, WED, THU = (MONDAY + dt.timedelta(days=k) for k in (1, 2, 3))


@pytest.fixture
def week(plant):
    return services.create_schedule(actor=plant.people["scheduler"], site=plant.site, week=WEEK)


def test_putting_work_on_the_week_moves_it_to_sc_by_the_system_naming_the_week(plant, week):
    wo = plant.ready(hours=4)
    items = services.place(
        actor=plant.people["scheduler"], schedule=week, work_order=wo, crew=plant.mechs, day=TUE
    )
    wo.refresh_from_db()
    event = wo.events.last()
    assert wo.status == "SC"
    assert (event.automatic, event.reason) == (True, f"on schedule {WEEK}: crew UTIL-MECH, Tue")
    assert [(i.day, i.hours, [p.username for p in i.people.all()]) for i in items] == [
        (TUE, Decimal("4.00"), ["ann"])
    ]
    # the technician named is the assignee and is told
    assert wo.assigned_to.username == "ann"
    assert Message.objects.get(recipient__username="ann").subject.startswith(wo.number)


def test_a_second_placement_of_the_same_work_is_refused_one_wins(plant, week):
    wo = plant.ready()
    services.place(
        actor=plant.people["scheduler"], schedule=week, work_order=wo, crew=plant.mechs, day=TUE
    )
    other = services.create_schedule(
        actor=plant.people["scheduler"], site=plant.site, week="2030-W11"
    )
    with pytest.raises(Conflict, match=f"{wo.number} is on schedule {WEEK} already"):
        services.place(
            actor=plant.people["scheduler"],
            schedule=other,
            work_order=wo,
            crew=plant.mechs,
            day=MONDAY + dt.timedelta(days=7),
        )


def test_moving_work_within_the_week_rewrites_its_items(plant, week):
    wo = plant.ready()
    sched = plant.people["scheduler"]
    services.place(actor=sched, schedule=week, work_order=wo, crew=plant.mechs, day=TUE)
    services.place(actor=sched, schedule=week, work_order=wo, crew=plant.mechs, day=THU)
    assert list(ScheduleItem.objects.values_list("day", flat=True)) == [THU]
    assert WorkOrder.objects.get(pk=wo.pk).events.filter(to_status="SC").count() == 1


def test_work_above_capacity_is_refused_unless_the_scheduler_says_why(plant, week):
    # Given two mechanics with 8 h each (16 h, less 15 % for break-in: 13.6 h) on Tuesday
    sched = plant.people["scheduler"]
    first = plant.ready("Big job", hours=6, people=2)
    services.place(actor=sched, schedule=week, work_order=first, crew=plant.mechs, day=TUE)
    second = plant.ready("Another", hours=2)
    # When a 2 h job is put on the same day
    with pytest.raises(Conflict) as full:
        services.place(actor=sched, schedule=week, work_order=second, crew=plant.mechs, day=TUE)
    # Then it is refused, saying what is taken, and nothing changed
    assert "crew UTIL-MECH is full: MECH on Tue: 12.0 h of 13.6 h taken, needs 2.0 h more" in (
        full.value.detail
    )
    assert WorkOrder.objects.get(pk=second.pk).status == "RS"
    # And with a reason it goes on, recorded
    items = services.place(
        actor=sched,
        schedule=week,
        work_order=second,
        crew=plant.mechs,
        day=TUE,
        over_capacity="contractor helps",
    )
    assert items[0].over_capacity == "contractor helps"


def test_shutdown_work_is_refused_outside_its_window(plant, week):
    ShutdownWindow.objects.create(
        site=plant.site,
        kind="A",
        area=plant.area,
        starts=WED,
        ends=WED,
        entered_by=plant.people["scheduler"],
    )
    wo = plant.ready(timing="A")
    with pytest.raises(ValidationFailed) as wrong:
        services.place(
            actor=plant.people["scheduler"], schedule=week, work_order=wo, crew=plant.mechs, day=TUE
        )
    assert wrong.value.detail == f"{wo.number} cannot be done on Tue: needs area 200 shutdown (Wed)"
    assert wrong.value.errors[0].message == "allowed: Wed"


def test_only_ready_work_and_only_the_sites_crews(plant, week, other_site):
    wo = plant.ready()
    WorkOrder.objects.filter(pk=wo.pk).update(status="BL")
    wo.refresh_from_db()
    with pytest.raises(Conflict, match=r"is BL \(In the backlog\); only ready work \(RS\)"):
        services.place(
            actor=plant.people["scheduler"], schedule=week, work_order=wo, crew=plant.mechs, day=TUE
        )
    from wrench.assets.models import Crew

    elsewhere = Crew.objects.get(site=other_site, code="UTIL-MECH")
    with pytest.raises(ValidationFailed, match="is not a crew of NORTH"):
        services.place(
            actor=plant.people["scheduler"], schedule=week, work_order=wo, crew=elsewhere, day=TUE
        )


def test_only_the_scheduler_builds_the_schedule(plant, week):
    with pytest.raises(NotAllowed, match="needs the scheduler role; you are planner"):
        services.place(
            actor=plant.people["planner"],
            schedule=week,
            work_order=plant.ready(),
            crew=plant.mechs,
            day=TUE,
        )


def test_a_person_on_leave_is_not_named_and_not_counted(plant, week):
    Absence.objects.create(
        site=plant.site,
        person=plant.members["ann"],
        starts=TUE,
        ends=TUE,
        entered_by=plant.people["scheduler"],
        entered_at=dt.datetime(2030, 3, 1, tzinfo=dt.UTC),
    )
    wo = plant.ready(people=2, hours=2)
    with pytest.raises(Conflict, match=r"crew UTIL-MECH has 1 MECH on Tue; .* needs 2"):
        services.place(
            actor=plant.people["scheduler"], schedule=week, work_order=wo, crew=plant.mechs, day=TUE
        )
    one = plant.ready(hours=2)
    items = services.place(
        actor=plant.people["scheduler"], schedule=week, work_order=one, crew=plant.mechs, day=TUE
    )
    assert [p.username for p in items[0].people.all()] == ["bob"]


def test_taking_work_off_moves_it_back_to_rs(plant, week):
    wo = plant.ready()
    sched = plant.people["scheduler"]
    services.place(actor=sched, schedule=week, work_order=wo, crew=plant.mechs, day=TUE)
    services.remove(actor=sched, schedule=week, work_order=wo)
    wo.refresh_from_db()
    assert wo.status == "RS"
    assert wo.events.last().reason == f"taken off schedule {WEEK}"
    assert not ScheduleItem.objects.exists()


def test_freezing_keeps_a_baseline_and_later_work_is_break_in(plant, week):
    sched = plant.people["scheduler"]
    planned = plant.ready("Planned", hours=4)
    services.place(actor=sched, schedule=week, work_order=planned, crew=plant.mechs, day=TUE)
    services.freeze(actor=sched, schedule=week)
    urgent = plant.ready("Urgent leak", hours=2)
    items = services.place(actor=sched, schedule=week, work_order=urgent, crew=plant.mechs, day=WED)
    assert list(BaselineItem.objects.values_list("work_order__number", "hours", "people")) == [
        (planned.number, Decimal("4.00"), ["ann"])
    ]
    assert items[0].break_in is True
    assert urgent.events.last().reason.endswith("(break-in)")
    with pytest.raises(Conflict, match="only a draft can be frozen"):
        services.freeze(actor=sched, schedule=week)


def test_the_optimiser_fills_the_week_and_says_why_work_was_left_out(plant, week):
    # Given three jobs that fit and one that needs an outage that is not this week
    fits = [plant.ready(f"Job {n}", hours=6, priority=n) for n in range(3)]
    waits = plant.ready("Needs outage", timing="A", hours=2)
    # When the scheduler optimises
    got = optimising.optimise(actor=plant.people["scheduler"], schedule=week, time_limit=5)
    # Then the three are scheduled (SC), and the fourth is left out with its reason
    assert {r["work_order"] for r in got.placed} == {w.number for w in fits}
    assert WorkOrder.objects.filter(pk__in=[w.pk for w in fits], status="SC").count() == 3
    assert got.left_out == [
        {"work_order": waits.number, "why": "needs area 200 shutdown; none this week"}
    ]
    assert got.solution.objective == got.solution.bound


def test_the_sweep_freezes_at_the_cut_off_and_closes_after_the_week_once(plant, week):
    after_cut_off = week.cut_off + dt.timedelta(minutes=1)
    assert services.sweep(after_cut_off) == {"frozen": [f"{plant.site.pk}:{WEEK}"]}
    assert services.sweep(after_cut_off) == {}
    week.refresh_from_db()
    assert week.status == "frozen"


def test_cancelling_scheduled_work_takes_it_off_the_week(plant, week):
    # the lifecycle table's SC → CA row names scheduling's effect: the items go with it
    from wrench.workorders.services import transition

    wo = plant.ready()
    services.place(
        actor=plant.people["scheduler"], schedule=week, work_order=wo, crew=plant.mechs, day=TUE
    )
    transition(wo, "CA", actor=plant.people["planner"], reason="no longer needed")
    assert not ScheduleItem.objects.filter(work_order=wo).exists()


def test_scheduled_work_sent_for_re_approval_leaves_the_week(plant, week):
    # the table's → WL row names scheduling's effect: work waiting re-approval is not ready
    from wrench.workorders.services import update_work_order

    wo = plant.ready()
    WorkOrder.objects.filter(pk=wo.pk).update(
        estimated_cost=Decimal("100"), approved_amount=Decimal("100")
    )
    services.place(
        actor=plant.people["scheduler"], schedule=week, work_order=wo, crew=plant.mechs, day=TUE
    )
    update_work_order(wo, actor=plant.people["planner"], estimated_cost=Decimal("5000"))
    wo.refresh_from_db()
    assert wo.status == "WL"
    assert not ScheduleItem.objects.filter(work_order=wo).exists()
