"""Generation: each due occurrence raises exactly one work order, coded and in the backlog."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from wrench.core import clock
from wrench.pm import meters
from wrench.pm.generate import follow_completions, generate
from wrench.pm.models import PmOccurrence
from wrench.testing import factories
from wrench.workorders.models import WorkOrder, WorkOrderEvent
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(8), tzinfo=dt.UTC)


def test_a_due_time_plan_raises_one_coded_work_order_in_the_backlog(site, make_plan):
    plan = make_plan(interval_days=30, first_due=TODAY)
    with clock.travel_to(_at(TODAY)):
        first = generate(site=site, today=TODAY)
        again = generate(site=site, today=TODAY)
    assert (first.checked, len(first.raised), again.raised) == (1, 1, [])
    wo = WorkOrder.objects.get(number=first.raised[0])
    assert (wo.status, wo.initiated_by.abbreviation, wo.action.abbreviation) == ("BL", "T", "SE")
    assert (wo.asset_id, wo.needed_by, wo.requester_id) == (plan.asset_id, TODAY, plan.owner_id)
    moves = list(WorkOrderEvent.objects.filter(work_order=wo).values_list("to_status", "automatic"))
    assert moves == [("WR", True), ("BL", True)]
    plan.refresh_from_db()
    assert plan.next_due == TODAY + dt.timedelta(days=30)
    assert PmOccurrence.objects.get(plan=plan).work_order == wo


def test_lead_days_raise_the_work_before_it_is_due(site, make_plan):
    make_plan(interval_days=30, first_due=TODAY + dt.timedelta(days=5), lead_days=7)
    assert len(generate(site=site, today=TODAY).raised) == 1


def test_a_plan_missed_for_months_raises_one_work_order_and_moves_past_today(site, make_plan):
    plan = make_plan(interval_days=7, first_due=TODAY - dt.timedelta(days=90))
    with clock.travel_to(_at(TODAY)):
        got = generate(site=site, today=TODAY)
    assert len(got.raised) == 1
    wo = WorkOrder.objects.get(number=got.raised[0])
    assert wo.needed_by == TODAY - dt.timedelta(days=90)
    assert "12 earlier due date(s) were missed" in wo.description
    plan.refresh_from_db()
    assert TODAY < plan.next_due <= TODAY + dt.timedelta(days=7)
    assert generate(site=site, today=TODAY).raised == []


def test_a_paused_plan_raises_nothing_and_a_skipped_date_moves_on(site, make_plan, people):
    from wrench.pm import services

    plan = make_plan(interval_days=14, first_due=TODAY)
    services.pause_plan(plan, actor=people["planner"], reason="pump out of service")
    assert generate(site=site, today=TODAY).raised == []
    services.resume_plan(plan, actor=people["planner"])
    with clock.travel_to(_at(TODAY)):
        skipped = services.skip_next(plan, actor=people["supervisor"], reason="done in shutdown")
    assert (skipped.state, skipped.due_on, skipped.work_order) == ("skipped", TODAY, None)
    assert generate(site=site, today=TODAY).raised == []
    plan.refresh_from_db()
    assert plan.next_due == TODAY + dt.timedelta(days=14)


def test_a_floating_plan_counts_from_the_completion_of_its_work(site, make_plan, people):
    plan = make_plan(interval_days=10, first_due=TODAY, schedule="floating")
    with clock.travel_to(_at(TODAY)):
        wo = WorkOrder.objects.get(number=generate(site=site, today=TODAY).raised[0])
    later = TODAY + dt.timedelta(days=25)
    assert generate(site=site, today=later).raised == []  # its work is still open
    transition(wo, "RS", actor=people["planner"])
    transition(wo, "IP", actor=people["technician"])
    with clock.travel_to(_at(TODAY + dt.timedelta(days=20))):
        transition(wo, "CO", actor=people["technician"], findings="Greased, no play")
    assert follow_completions(site=site) == 1
    assert follow_completions(site=site) == 0
    plan.refresh_from_db()
    assert plan.next_due == TODAY + dt.timedelta(days=30)


def test_a_seasonal_plan_waits_for_its_season(site, make_plan):
    plan = make_plan(interval_days=30, first_due=dt.date(2026, 1, 10), season_from=3, season_to=10)
    assert generate(site=site, today=dt.date(2026, 2, 1)).raised == []
    got = generate(site=site, today=dt.date(2026, 3, 1))
    assert WorkOrder.objects.get(number=got.raised[0]).needed_by == dt.date(2026, 3, 1)
    plan.refresh_from_db()
    assert plan.next_due == dt.date(2026, 3, 31)


def test_a_meter_plan_raises_h_work_at_its_threshold_whichever_comes_first(
    site, make_plan, people, pump
):
    meter = meters.create_meter(actor=people["planner"], asset=pump, name="Run hours", unit="h")
    start = _at(TODAY - dt.timedelta(days=10))
    meters.record_reading(meter, actor=people["technician"], value=1000, at=start)
    plan = make_plan(
        meter=meter,
        meter_interval=Decimal(200),
        interval_days=90,
        first_due=TODAY + dt.timedelta(days=60),
    )
    assert plan.next_meter_due == Decimal(200)
    meters.record_reading(
        meter, actor=people["technician"], value=1140, at=start + dt.timedelta(days=7)
    )
    # 140 h in 7 days: 20 h a day, the 200 h are estimated in 3 more days
    assert generate(site=site, today=TODAY - dt.timedelta(days=3)).raised == []
    meters.record_reading(
        meter, actor=people["technician"], value=1201, at=start + dt.timedelta(days=10)
    )
    with clock.travel_to(_at(TODAY)):
        got = generate(site=site, today=TODAY)
    wo = WorkOrder.objects.get(number=got.raised[0])
    assert wo.initiated_by.abbreviation == "H"
    plan.refresh_from_db()
    assert plan.next_meter_due == Decimal(400)
    assert plan.next_due == TODAY + dt.timedelta(days=90)  # the time trigger starts again too


def test_a_plan_entering_rs_is_planned_from_its_job_plan(site, make_plan, people):
    from wrench.planning import services as planning

    mech = factories.trade(site, "MECH", "95")
    job = planning.create_job_plan(
        actor=people["planner"],
        site=site,
        code="LUBE",
        name="Lubricate",
        tasks=["Grease"],
        labour=[(mech, 1, 2)],
    )
    make_plan(interval_days=30, first_due=TODAY, job_plan=job, enters="RS")
    with clock.travel_to(_at(TODAY)):
        wo = WorkOrder.objects.get(number=generate(site=site, today=TODAY).raised[0])
    assert (wo.status, wo.estimated_hours) == ("RS", Decimal("2.00"))
    assert list(wo.labour_estimates.values_list("trade__code", "hours_each")) == [
        ("MECH", Decimal("2.00"))
    ]


def test_a_plan_that_cannot_raise_its_work_says_why_and_the_others_go_on(site, make_plan, people):
    from wrench.planning import services as planning

    job = planning.create_job_plan(
        actor=people["planner"], site=site, code="LUBE", name="Lubricate", tasks=["Grease"]
    )
    broken = make_plan(interval_days=30, first_due=TODAY, job_plan=job)
    fine = make_plan(interval_days=30, first_due=TODAY, title="Check alignment")
    people["planner"].groups.clear()  # the owner lost the planner role the job plan needs
    got = generate(site=site, today=TODAY)
    assert len(got.raised) == 1 and "planner role" in got.failed[broken.pk]
    broken.refresh_from_db()
    assert "planner role" in broken.last_error and broken.occurrences_made == 0
    assert list(PmOccurrence.objects.values_list("plan_id", flat=True)) == [fine.pk]
    assert WorkOrder.objects.count() == 1  # nothing of the failed one was kept
