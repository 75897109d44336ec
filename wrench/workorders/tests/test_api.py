"""The work order API over real HTTP: the lifecycle a script drives, and every bad input."""

from __future__ import annotations

import pytest

from wrench.testing import factories
from wrench.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db(transaction=True)

REQUEST = {
    "title": "Seal leaking on P-101",
    "description": "Steady drip from the mechanical seal.",
    "asset": "P-101",
    "urgency": "#",
    "timing": "R",
    "reason": "SA",
    "action": "RE",
    "funding": "R",
    "initiated_by": "O",
    "estimated_cost": "800",
}


@pytest.fixture
def pump(site):
    return factories.AssetFactory(site=site, code="P-101", name="Feed pump")


def test_a_script_drives_the_whole_lifecycle(api_as, people, pump):
    requester, supervisor = api_as(people["requester"]), api_as(people["supervisor"])
    planner, scheduler = api_as(people["planner"]), api_as(people["scheduler"])
    technician = api_as(people["technician"])

    created = requester.post("/work-orders", json=REQUEST)
    assert created.status_code == 201, created.text
    number = created.json()["number"]
    assert created.json()["status"] == "WR"
    assert created.json()["reason"] == {"abbreviation": "SA", "value": "Safety"}

    coded = supervisor.patch(f"/work-orders/{number}", json={"reason": "EN", "priority": 7})
    assert coded.status_code == 200, coded.text
    assert coded.json()["reason"]["abbreviation"] == "EN"
    assert coded.json()["priority"] == 7

    for client, to in [
        (supervisor, "BL"),
        (planner, "RS"),
        (scheduler, "SC"),
        (technician, "IP"),
    ]:
        moved = client.post(f"/work-orders/{number}/transition", json={"to": to})
        assert moved.status_code == 200, moved.text
        assert moved.json()["status"] == to
    done = technician.post(
        f"/work-orders/{number}/transition", json={"to": "CO", "findings": "Seal replaced"}
    )
    assert done.status_code == 200, done.text

    said = technician.post(f"/work-orders/{number}/comments", json={"text": "Pump running"})
    assert said.status_code == 201
    assert [c["text"] for c in requester.get(f"/work-orders/{number}/comments").json()] == [
        "Pump running"
    ]
    events = requester.get(f"/work-orders/{number}/events").json()
    assert [(e["from_status"], e["to_status"]) for e in events] == [
        ("", "WR"),
        ("WR", "BL"),
        ("BL", "RS"),
        ("RS", "SC"),
        ("SC", "IP"),
        ("IP", "CO"),
    ]
    assert events[1]["actor"] == "supervisor"

    listed = planner.get("/work-orders", params={"reason": "EN", "status": "CO"}).json()
    assert [i["number"] for i in listed["items"]] == [number]


def test_a_forbidden_move_answers_409_with_the_allowed_statuses(api_as, site, people):
    wo = factories.work_order(site, people["requester"])
    answer = api_as(people["planner"]).post(
        f"/work-orders/{wo.number}/transition", json={"to": "CL"}
    )
    assert answer.status_code == 409
    body = answer.json()
    assert body["status"] == "WR"
    assert "BL" in body["allowed"] and "CL" not in body["allowed"]
    assert "cannot go to CL" in body["detail"]


def test_a_role_without_the_right_gets_403_naming_the_role(api_as, site, people):
    wo = factories.work_order(site, people["requester"])
    answer = api_as(people["technician"]).post(
        f"/work-orders/{wo.number}/transition", json={"to": "BL"}
    )
    assert answer.status_code == 403
    assert "supervisor" in answer.json()["detail"]
    assert "you are technician" in answer.json()["detail"]


def test_status_is_never_patched(api_as, site, people):
    wo = factories.work_order(site, people["requester"])
    answer = api_as(people["planner"]).patch(f"/work-orders/{wo.number}", json={"status": "CL"})
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "status"
    assert WorkOrder.objects.get(pk=wo.pk).status == "WR"


def test_bad_bodies_say_what_is_wrong(api_as, people, pump):
    client = api_as(people["requester"])
    unknown_field = client.post("/work-orders", json={**REQUEST, "colour": "red"})
    assert unknown_field.status_code == 400
    assert unknown_field.json()["errors"] == [
        {"field": "colour", "message": "Extra inputs are not permitted"}
    ]
    wrong_type = client.post("/work-orders", json={**REQUEST, "priority": "high"})
    assert wrong_type.status_code == 400
    assert wrong_type.json()["errors"][0]["field"] == "priority"
    not_json = client.post(
        "/work-orders", data="{oops", headers={"Content-Type": "application/json"}
    )
    assert not_json.status_code == 400
    assert not_json.json()["errors"] == [
        {"field": "body", "message": "the body is empty or not JSON; send a JSON object"}
    ]

    unknown_code = client.post("/work-orders", json={**REQUEST, "reason": "XX"})
    assert unknown_code.status_code == 400
    [error] = unknown_code.json()["errors"]
    assert error["field"] == "reason"
    assert "allowed:" in error["message"]

    other_characteristic = client.post("/work-orders", json={**REQUEST, "reason": "E"})
    assert other_characteristic.status_code == 400
    assert "is a value of WO – Urgency" in other_characteristic.json()["errors"][0]["message"]

    no_asset = client.post("/work-orders", json={**REQUEST, "asset": "NOPE-1"})
    assert no_asset.status_code == 400
    assert no_asset.json()["errors"] == [
        {"field": "asset", "message": "no asset 'NOPE-1' at site NORTH"}
    ]
    assert WorkOrder.objects.count() == 0


def test_another_sites_work_order_is_invisible(api_as, site, other_site, people, make_user):
    theirs = factories.work_order(other_site, make_user("planner", other_site, "south_planner"))
    client = api_as(people["planner"])
    assert client.get(f"/work-orders/{theirs.number}").status_code == 404
    assert (
        client.patch(f"/work-orders/{theirs.number}", json={"title": "mine now"}).status_code == 404
    )
    assert (
        client.post(f"/work-orders/{theirs.number}/transition", json={"to": "CA"}).status_code
        == 404
    )
    assert (
        client.post(f"/work-orders/{theirs.number}/comments", json={"text": "hi"}).status_code
        == 404
    )
    assert client.get("/work-orders").json()["items"] == []
    assert client.post("/work-orders", json={**REQUEST, "site": "SOUTH"}).status_code == 404


def test_errors_are_json_for_unknown_paths_and_methods(api_as, people):
    client = api_as(people["requester"])
    missing = client.get("/work-orders/NORTH-999999")
    assert missing.status_code == 404
    assert missing.headers["Content-Type"].startswith("application/json")
    assert "NORTH-999999" in missing.json()["detail"]


def test_work_above_the_supervisors_limit_goes_through_the_manager(api_as, people, pump):
    number = api_as(people["requester"]).post("/work-orders", json=REQUEST).json()["number"]
    supervisor, manager = api_as(people["supervisor"]), api_as(people["manager"])
    coded = supervisor.patch(
        f"/work-orders/{number}",
        json={"estimated_cost": "7500", "consequence": 4, "probability": 3},
    )
    assert coded.json()["priority"] == 12
    assert (
        supervisor.post(f"/work-orders/{number}/transition", json={"to": "WA"}).status_code == 200
    )
    approved = manager.post(
        f"/work-orders/{number}/transition", json={"to": "BL", "approved_amount": "7500"}
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["approved_amount"] == "7500.00"
    planned = api_as(people["planner"]).post(f"/work-orders/{number}/transition", json={"to": "PL"})
    assert planned.json()["status"] == "PL"


def test_an_unknown_api_path_is_a_json_404(api_as, people):
    answer = api_as(people["requester"]).get("/no-such-thing")
    assert answer.status_code == 404
    assert "see /api/v1/docs" in answer.json()["detail"]
