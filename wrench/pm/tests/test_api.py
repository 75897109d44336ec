"""PM plans, meters and readings over real HTTP: the contract clients rely on."""

from __future__ import annotations

import datetime as dt

import pytest

from wrench.pm.generate import generate
from wrench.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)
CODING = {"urgency": "#", "timing": "R", "reason": "OP", "action": "SE", "funding": "R"}


def test_a_planner_writes_a_time_plan_and_lists_the_work_it_raised(api_as, site, people, pump):
    planner = api_as(people["planner"])
    first = dt.date.today()
    made = planner.post(
        "/pm-plans",
        json={
            "asset": "P-101",
            "title": "Lubricate bearings",
            "description": "Grease both bearings, 20 g each",
            "interval_days": 30,
            "schedule": "fixed",
            "first_due": first.isoformat(),
            "lead_days": 3,
            "coding": CODING,
        },
    )
    assert made.status_code == 201, made.text
    body = made.json()
    assert (body["next_due"], body["trigger"], body["coding"]["action"]) == (
        first.isoformat(),
        "time",
        "SE",
    )
    plan_id = body["id"]
    assert planner.get(f"/pm-plans/{plan_id}").json()["title"] == "Lubricate bearings"
    assert [p["id"] for p in planner.get("/pm-plans", params={"asset": "P-101"}).json()] == [
        plan_id
    ]
    raised = generate(site=site).raised
    listed = planner.get("/work-orders", params={"pm_plan": plan_id}).json()["items"]
    assert [w["number"] for w in listed] == raised and len(raised) == 1
    assert planner.get("/work-orders", params={"pm_plan": plan_id + 1}).json()["items"] == []
    patched = planner.patch(f"/pm-plans/{plan_id}", json={"interval_days": 60, "lead_days": 0})
    assert patched.status_code == 200, patched.text
    assert patched.json()["next_due"] == (first + dt.timedelta(days=60)).isoformat()
    paused = planner.post(f"/pm-plans/{plan_id}/pause", json={"reason": "pump removed"})
    assert (paused.status_code, paused.json()["active"]) == (200, False)
    again = planner.post(f"/pm-plans/{plan_id}/pause", json={"reason": "again"})
    assert again.status_code == 409 and "already paused" in again.json()["detail"]


def test_bad_plans_are_refused_naming_the_field(api_as, site, people, pump):
    planner = api_as(people["planner"])
    for body, field in (
        ({"asset": "P-101", "title": "x"}, "interval_days"),
        ({"asset": "P-999", "title": "x", "interval_days": 7}, "asset"),
        (
            {"asset": "P-101", "title": "x", "interval_days": 7, "coding": {"action": "ZZ"}},
            "coding.action",
        ),
        ({"asset": "P-101", "title": "x", "meter_interval": "100"}, "meter"),
        ({"asset": "P-101", "title": "x", "interval_days": 7, "season_from": 3}, "season_from"),
    ):
        got = planner.post("/pm-plans", json=body)
        assert got.status_code == 400, (body, got.text)
        assert field in [e["field"] for e in got.json()["errors"]], got.json()


def test_only_planners_and_supervisors_write_plans_and_other_sites_are_404(
    api_as, site, other_site, people, pump, make_user
):
    body = {"asset": "P-101", "title": "Inspect", "interval_days": 7}
    refused = api_as(people["technician"]).post("/pm-plans", json=body)
    assert refused.status_code == 403 and "planner or supervisor" in refused.json()["detail"]
    made = api_as(people["supervisor"]).post("/pm-plans", json=body)
    assert made.status_code == 201
    stranger = make_user("planner", other_site, username="south_planner")
    assert api_as(stranger).get(f"/pm-plans/{made.json()['id']}").status_code == 404


def test_meter_readings_going_backwards_or_jumping_are_refused_saying_why(
    api_as, site, people, pump
):
    planner, tech = api_as(people["planner"]), api_as(people["technician"])
    made = planner.post("/meters", json={"asset": "P-101", "name": "Run hours", "unit": "h"})
    assert made.status_code == 201, made.text
    meter = made.json()["id"]
    t0 = dt.datetime(2026, 1, 5, 8, tzinfo=dt.UTC)
    url = f"/meters/{meter}/readings"
    assert tech.post(url, json={"value": "1000", "at": t0.isoformat()}).status_code == 201
    ok = tech.post(url, json={"value": "1020", "at": (t0 + dt.timedelta(days=1)).isoformat()})
    assert ok.status_code == 201 and ok.json()["total"] == "20.00"
    later = (t0 + dt.timedelta(days=2)).isoformat()
    back = tech.post(url, json={"value": "990", "at": later})
    assert back.status_code == 400 and "below the last reading 1020" in back.json()["detail"]
    jump = tech.post(url, json={"value": "1200", "at": later})
    assert jump.status_code == 400 and "at most 24 h/day" in jump.json()["detail"]
    old = tech.post(url, json={"value": "1030", "at": t0.isoformat()})
    assert old.status_code == 400 and "time order" in old.json()["detail"]
    swapped = tech.post(url, json={"value": "5", "at": later, "kind": "replacement"})
    assert swapped.status_code == 201 and swapped.json()["total"] == "20.00"
    after = tech.post(url, json={"value": "25", "at": (t0 + dt.timedelta(days=3)).isoformat()})
    assert after.json()["total"] == "40.00"
    future = tech.post(url, json={"value": "30", "at": "2999-01-01T00:00:00Z"})
    assert future.status_code == 400 and "future" in future.json()["detail"]


def test_a_declared_rollover_counts_across_the_meters_maximum(api_as, site, people, pump):
    planner = api_as(people["planner"])
    meter = planner.post(
        "/meters",
        json={"asset": "P-101", "name": "Odometer", "unit": "km", "rollover_at": "99999"},
    ).json()["id"]
    t0 = dt.datetime(2026, 1, 5, 8, tzinfo=dt.UTC)
    url = f"/meters/{meter}/readings"
    planner.post(url, json={"value": "99900", "at": t0.isoformat()})
    rolled = planner.post(
        url, json={"value": "50", "kind": "rollover", "at": (t0 + dt.timedelta(days=1)).isoformat()}
    )
    assert rolled.status_code == 201, rolled.text
    assert (rolled.json()["delta"], rolled.json()["total"]) == ("149.00", "149.00")
    meter_row = planner.get(f"/meters/{meter}").json()
    assert (meter_row["last_value"], meter_row["total"]) == ("50.00", "149.00")
    assert factories  # the shared factories build the asset (conftest)


def test_the_forecast_api_answers_by_week_and_trade_without_raising_work(
    api_as, site, people, make_plan
):
    from wrench.workorders.models import WorkOrder

    make_plan(interval_days=14, first_due=dt.date.today())
    got = api_as(people["planner"]).get("/pm-forecast", params={"weeks": 4})
    assert got.status_code == 200, got.text
    body = got.json()
    assert sum(r["occurrences"] for r in body["without_job_plan"]) == 2
    assert WorkOrder.objects.count() == 0
    assert api_as(people["planner"]).get("/pm-forecast", params={"weeks": 99}).status_code == 400
