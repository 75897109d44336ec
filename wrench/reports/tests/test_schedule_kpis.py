"""Schedule KPIs from a frozen week: compliance by work orders and hours, loading, break-in,
work done off the schedule; and the same figures over the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from wrench.labor.models import TimeCharge
from wrench.reports import catalog
from wrench.scheduling import services
from wrench.scheduling.tests.conftest import MONDAY, WEEK, Plant
from wrench.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db


@pytest.fixture
def plant(site, people, make_user):
    return Plant(site, people, make_user)


def _charge(plant, wo, day, hours):
    TimeCharge.objects.create(
        site=plant.site,
        work_order=wo,
        person=plant.members["ann"],
        trade=plant.mech,
        date=day,
        hours=Decimal(hours),
        entered_by=plant.members["ann"],
        entered_at=timezone.now(),
    )


def test_a_frozen_week_judged_against_its_baseline(plant):
    # Given a week frozen with two jobs (4 h and 6 h), then a 2 h break-in job
    sched = plant.people["scheduler"]
    week = services.create_schedule(actor=sched, site=plant.site, week=WEEK)
    done = plant.ready("Done", hours=4)
    late = plant.ready("Late", hours=6)
    for wo in (done, late):
        services.place(actor=sched, schedule=week, work_order=wo, crew=plant.mechs, day=MONDAY)
    services.freeze(actor=sched, schedule=week)
    urgent = plant.ready("Urgent", hours=2)
    services.place(
        actor=sched,
        schedule=week,
        work_order=urgent,
        crew=plant.mechs,
        day=MONDAY + dt.timedelta(days=1),
    )
    # and the first completed in the week after 5 h, the second worked 2 h, other work 3 h
    WorkOrder.objects.filter(pk=done.pk).update(
        status="CO", completed_at=timezone.make_aware(dt.datetime(2030, 3, 6, 15))
    )
    _charge(plant, done, MONDAY, 5)
    _charge(plant, late, MONDAY, 2)
    off = plant.ready("Never scheduled", hours=1)
    _charge(plant, off, MONDAY + dt.timedelta(days=2), 3)
    query = {"from": "2030-03-04", "to": "2030-03-10"}
    # When the reports are built
    compliance = catalog.build("schedule-compliance", plant.people["manager"], query)
    loading = catalog.build("schedule-loading", plant.people["manager"], query)
    break_in = catalog.build("break-in", plant.people["manager"], query)
    off_schedule = catalog.build("off-schedule", plant.people["manager"], query)
    # Then each KPI shows its inputs and value
    by_wo, by_hours = compliance.formulas
    assert (by_wo.inputs, by_wo.value) == (
        {"baseline work orders": 2, "completed in their week": 1},
        50.0,
    )
    # min(5, 4) + min(2, 6) = 6 of 10 baseline hours
    assert (by_hours.inputs, by_hours.value) == (
        {"baseline hours": 10.0, "hours worked as scheduled": 6.0},
        60.0,
    )
    # 10 h scheduled of two mechanics' and one electrician's 5 × 8 h = 120 h
    assert (loading.formulas[0].inputs, loading.formulas[0].value) == (
        {"scheduled hours": 10.0, "forecast available hours": 120.0},
        8.3,
    )
    assert break_in.formulas[0].value == round(100 * 2 / 12, 1)
    assert break_in.formulas[1].value == 1
    assert (off_schedule.formulas[0].inputs, off_schedule.formulas[0].value) == (
        {"hours off the schedule": 3.0, "all hours charged": 10.0},
        30.0,
    )
    assert compliance.tables[0].rows[0]["week"] == f"NORTH {WEEK}"


@pytest.mark.django_db(transaction=True)
def test_schedule_compliance_is_served_like_the_other_reports(api_as, plant):
    got = api_as(plant.people["manager"]).get("/reports/schedule-compliance")
    assert got.status_code == 200, got.text
    assert [k["name"] for k in got.json()["kpis"]] == [
        "Schedule compliance (work orders)",
        "Schedule compliance (hours)",
    ]
