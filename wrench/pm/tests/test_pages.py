"""The PM pages: the phone page for readings, the plans, a plan, the forecast."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from wrench.planning import services as planning
from wrench.pm import forecast, meters
from wrench.testing import factories

pytestmark = pytest.mark.django_db


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_a_technician_enters_a_reading_and_a_bad_one_says_why(site, people, pump):
    meter = meters.create_meter(actor=people["planner"], asset=pump, name="Run hours", unit="h")
    tech = _client(people["technician"])
    page = tech.get("/assets/P-101/readings/")
    assert page.status_code == 200 and b"Run hours" in page.content
    saved = tech.post("/assets/P-101/readings/", {"meter": meter.pk, "value": "120"})
    assert saved.status_code == 302
    assert b"now shows 120.00 h" in tech.get(saved["Location"]).content
    back = tech.post("/assets/P-101/readings/", {"meter": meter.pk, "value": "100"})
    assert back.status_code == 400 and b"below the last reading 120" in back.content
    asset_page = tech.get("/assets/P-101/")
    assert b'data-testid="pm-section"' in asset_page.content
    assert b"/assets/P-101/readings/" in asset_page.content


def test_plans_plan_and_forecast_pages_show_the_next_due(site, people, make_plan):
    mech = factories.trade(site, "MECH", "95")
    job = planning.create_job_plan(
        actor=people["planner"],
        site=site,
        code="LUBE",
        name="Lube",
        tasks=["Grease"],
        labour=[(mech, 2, 1)],
    )
    today = dt.date.today()
    plan = make_plan(interval_days=7, first_due=today, job_plan=job)
    planner = _client(people["planner"])
    listed = planner.get("/pm/")
    assert listed.status_code == 200 and b"Lubricate P-101 bearings" in listed.content
    assert today.isoformat().encode() in planner.get(f"/pm/{plan.pk}/").content
    page = planner.get("/pm/forecast/")
    assert page.status_code == 200 and b"MECH h" in page.content
    data = forecast.weekly(site, 12)
    assert sum(r["hours"] for r in data["rows"]) == Decimal(2) * 12  # weekly, 2 h each
    rows = list(forecast.capacity_rows(site, today, today + dt.timedelta(days=6)))
    assert [(r.trade, r.day, r.hours) for r in rows] == [("MECH", today, Decimal(2))]
