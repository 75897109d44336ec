"""The schedule board and My work in a real browser: place, move, optimise, freeze; a
technician sees their days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from wrench.scheduling import services
from wrench.scheduling.models import ScheduleItem
from wrench.scheduling.tests.conftest import MONDAY, WEEK
from wrench.testing.browser import screenshot
from wrench.workorders.models import WorkOrder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_scheduler_places_moves_optimises_and_freezes_the_week(login, plant):
    # Given a draft week and three ready jobs
    services.create_schedule(actor=plant.people["scheduler"], site=plant.site, week=WEEK)
    first = plant.ready("Replace coupling", hours=4, priority=9)
    second = plant.ready("Align motor", hours=3, priority=5)
    third = plant.ready("Check panel", hours=2, trade=plant.elec, priority=3)
    page = login("scheduler")
    page.goto(f"/schedule/?week={WEEK}")
    # When the scheduler places the first on UTIL-MECH on Tuesday from its backlog row
    row = page.locator(f".backlog-list li[data-number='{first.number}']")
    row.locator("select[name=crew]").select_option("UTIL-MECH")
    row.locator("select[name=day]").select_option(str(MONDAY + dt.timedelta(days=1)))
    row.get_by_role("button", name="Place").click()
    tuesday = page.get_by_test_id(f"cell-UTIL-MECH-{MONDAY + dt.timedelta(days=1)}")
    # Then it shows in that cell with its hours and load, and it is scheduled (SC)
    tuesday.get_by_role("link", name=first.number).wait_for()
    assert "4.0 / 16.0 h" in tuesday.inner_text()
    assert WorkOrder.objects.get(pk=first.pk).status == "SC"
    # When they move it to Thursday: Move on the item, then Place here on Thursday's cell
    tuesday.get_by_role("button", name=f"Move {first.number}").click()
    thursday = page.get_by_test_id(f"cell-UTIL-MECH-{MONDAY + dt.timedelta(days=3)}")
    thursday.get_by_role("button", name="Place here").click()
    thursday.get_by_role("link", name=first.number).wait_for()
    assert list(ScheduleItem.objects.values_list("day", flat=True)) == [
        MONDAY + dt.timedelta(days=3)
    ]
    # When they optimise, the rest of the ready work is placed around it
    page.get_by_test_id("optimise").click()
    page.get_by_text("Optimised: 2 work orders placed, 0 left out").wait_for()
    assert set(WorkOrder.objects.filter(status="SC").values_list("number", flat=True)) == {
        first.number,
        second.number,
        third.number,
    }
    screenshot(page, "schedule-board")
    # When they freeze it, the week says so and Optimise is gone
    page.get_by_test_id("freeze").click()
    page.get_by_test_id("week-status").get_by_text("frozen").wait_for()
    assert page.get_by_test_id("optimise").count() == 0


def test_a_technician_sees_their_days_on_my_work(login, plant):
    # Given this week's schedule naming ann on a job tomorrow-or-today
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    week = services.create_schedule(
        actor=plant.people["scheduler"], site=plant.site, week=services.week_of(monday)
    )
    wo = plant.ready("Grease the conveyor", hours=3)
    day = min(today, monday + dt.timedelta(days=4))
    services.place(
        actor=plant.people["scheduler"],
        schedule=week,
        work_order=wo,
        crew=plant.mechs,
        day=day,
        people=[plant.members["ann"]],
    )
    # When ann opens My work on her phone
    page = login("ann", phone=True)
    page.goto("/my/work/")
    days = page.get_by_test_id("my-week")
    # Then the day shows the job with her hours, and the job's card is there to act on
    entry = days.locator(f"li[data-day='{day}']")
    assert wo.number in entry.inner_text()
    assert "3.0 h MECH · UTIL-MECH" in entry.inner_text()
    assert page.locator(f"#card-{wo.number}").count() == 1
    screenshot(page, "my-work-week-phone")
