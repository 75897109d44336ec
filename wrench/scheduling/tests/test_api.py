"""The scheduling API over real HTTP: the contract's paths, fields and error codes."""

from __future__ import annotations

import pytest

from wrench.scheduling.tests.conftest import MONDAY, WEEK
from wrench.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_scheduler_builds_optimises_and_freezes_a_week(api_as, plant):
    api = api_as(plant.people["scheduler"])
    wo = plant.ready(hours=3)
    other = plant.ready("Second", hours=5)
    # create → 201, again → 409
    made = api.post("/schedules", json={"site": "NORTH", "week": WEEK})
    assert made.status_code == 201, made.text
    week = made.json()
    assert {k: week[k] for k in ("site", "week", "status")} == {
        "site": "NORTH",
        "week": WEEK,
        "status": "draft",
    }
    assert week["cut_off"].startswith("2030-03-01T12:00")
    assert api.post("/schedules", json={"site": "NORTH", "week": WEEK}).status_code == 409
    assert [w["id"] for w in api.get(f"/schedules?site=NORTH&week={WEEK}").json()] == [week["id"]]
    # place by hand → 201 and SC
    placed = api.post(
        f"/schedules/{week['id']}/items",
        json={"work_order": wo.number, "crew": "UTIL-MECH", "day": str(MONDAY), "people": ["bob"]},
    )
    assert placed.status_code == 201, placed.text
    assert placed.json()["status"] == "SC"
    assert placed.json()["items"][0]["people"] == ["bob"]
    # optimise → objective, bound, greedy, placed, left_out
    got = api.post(f"/schedules/{week['id']}/optimise", json={"time_limit": 3})
    assert got.status_code == 200, got.text
    body = got.json()
    assert set(body) >= {"objective", "bound", "greedy_objective", "placed", "left_out"}
    assert [p["work_order"] for p in body["placed"]] == [other.number]
    assert set(body["placed"][0]) == {"work_order", "crew", "day", "hours", "people"}
    # take one off → 204, back to RS
    assert api.delete(f"/schedules/{week['id']}/items/{other.number}").status_code == 204
    assert WorkOrder.objects.get(pk=other.pk).status == "RS"
    # freeze → frozen; optimise a frozen week → 409
    frozen = api.post(f"/schedules/{week['id']}/freeze")
    assert frozen.json()["status"] == "frozen"
    assert api.post(f"/schedules/{week['id']}/optimise").status_code == 409
    detail = api.get(f"/schedules/{week['id']}").json()
    assert [i["work_order"] for i in detail["item_list"]] == [wo.number]


def test_bad_placements_say_why_and_change_nothing(api_as, plant):
    api = api_as(plant.people["scheduler"])
    week = api.post("/schedules", json={"week": WEEK}).json()
    wo = plant.ready(hours=3)
    outside = api.post(
        f"/schedules/{week['id']}/items",
        json={"work_order": wo.number, "crew": "UTIL-MECH", "day": "2030-03-09"},
    )
    assert outside.status_code == 400
    assert outside.json()["errors"][0]["field"] == "day"
    unknown = api.post(
        f"/schedules/{week['id']}/items",
        json={"work_order": wo.number, "crew": "NOPE", "day": str(MONDAY)},
    )
    assert unknown.status_code == 400
    assert WorkOrder.objects.get(pk=wo.pk).status == "RS"
    assert api.get("/schedules/999999").status_code == 404
    assert api.post("/schedules", json={"week": "2030-53"}).status_code == 400


def test_other_roles_read_but_do_not_change_the_schedule(api_as, plant):
    week = api_as(plant.people["scheduler"]).post("/schedules", json={"week": WEEK}).json()
    planner = api_as(plant.people["planner"])
    assert planner.get(f"/schedules/{week['id']}").status_code == 200
    assert planner.post(f"/schedules/{week['id']}/freeze").status_code == 403
    assert api_as(plant.people["requester"]).get("/schedules").status_code == 403


def test_crews_members_calendars_absences_and_shutdowns(api_as, plant):
    api = api_as(plant.people["scheduler"])
    made = api.post("/crews", json={"code": "MECH-2", "name": "Second mechanical", "area": "200"})
    assert made.status_code == 201, made.text
    assert api.post("/crews", json={"code": "MECH-2", "name": "again"}).status_code == 409
    joined = api.post("/crews/MECH-2/members", json={"person": "planner", "trade": "MECH"})
    assert joined.status_code == 201, joined.text
    assert joined.json()["members"] == [{"person": "planner", "name": "", "trade": "MECH"}]
    # a person is in one crew at a time
    assert api.post("/crews/MECH-2/members", json={"person": "ann"}).status_code == 409
    crews = {c["code"]: c for c in api.get("/crews").json()}
    assert [m["person"] for m in crews["UTIL-MECH"]["members"]] == ["ann", "bob"]
    assert api.patch("/crews/MECH-2", json={"name": "Mill mechanics"}).json()["name"] == (
        "Mill mechanics"
    )
    cal = api.put("/calendars/ann", json={"hours": [10, 10, 10, 10, 0, 0, 0]})
    assert cal.status_code == 200, cal.text
    assert cal.json()["own"] is True
    assert api.put("/calendars/ann", json={"hours": [25, 0, 0, 0, 0, 0, 0]}).status_code == 400
    away = api.post(
        "/absences",
        json={"person": "bob", "kind": "training", "starts": "2030-03-05", "ends": "2030-03-05"},
    )
    assert away.status_code == 201, away.text
    assert api.get("/absences?starts=2030-03-01").json()[0]["kind"] == "training"
    down = api.post(
        "/shutdown-windows",
        json={"kind": "A", "area": "200", "starts": "2030-03-06", "ends": "2030-03-07"},
    )
    assert down.status_code == 201, down.text
    assert down.json()["label"] == "area 200 shutdown"
    bad = api.post(
        "/shutdown-windows",
        json={"kind": "T", "area": "200", "starts": "2030-03-06", "ends": "2030-03-05"},
    )
    assert bad.status_code == 400
    week = api.post("/schedules", json={"week": WEEK}).json()
    cells = api.get(f"/schedules/{week['id']}/capacity").json()
    tue_mech = [c for c in cells if c["crew"] == "UTIL-MECH" and c["day"] == "2030-03-05"]
    assert tue_mech == [
        {
            "crew": "UTIL-MECH",
            "day": "2030-03-05",
            "trade": "MECH",
            "available_hours": "10.00",
            "pm_forecast_hours": "0.00",
            "scheduled_hours": "0.00",
            "people": 1,
        }
    ]
    assert api.delete(f"/absences/{away.json()['id']}").status_code == 204
    assert api.delete(f"/shutdown-windows/{down.json()['id']}").status_code == 204
    assert api.delete("/crews/MECH-2/members/planner").status_code == 204
    assert api.delete("/crews/MECH-2").status_code == 204
    assert (
        api_as(plant.people["technician"])
        .post("/crews", json={"code": "X", "name": "x"})
        .status_code
        == 403
    )
