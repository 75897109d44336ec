"""Inspections over real HTTP: a job plan's checklist copied onto a work order, results
recorded by the technician, a failed check raising one corrective request coded by who
found it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wrench.core.errors import ValidationFailed
from wrench.planning import services as planning
from wrench.planning.models import ChecklistItem
from wrench.testing import factories
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db(transaction=True)

CHECKS = [
    {"text": "Seal not leaking"},
    {"text": "Bearing temperature", "kind": "reading", "low": "20", "high": "80", "unit": "°C"},
]


def round_plan(site, planner, code="ROUND-P101", kind="O"):
    return planning.create_job_plan(
        actor=planner,
        site=site,
        code=code,
        name="Operator round P-101",
        tasks=["Walk the pump"],
        checks=CHECKS,
        inspection_kind=kind,
    )


def inspection(site, people, plan, *, start=True):
    """An inspection work order with the plan applied; in progress when `start`."""
    wo = factories.work_order(
        site, people["requester"], asset=factories.AssetFactory(site=site), title="Round P-101"
    )
    wo = transition(wo, "BL", actor=people["supervisor"])
    planning.apply_job_plan(wo, actor=people["planner"], job_plan=plan)
    wo = transition(wo, "RS", actor=people["planner"])
    return transition(wo, "IP", actor=people["technician"]) if start else wo


def test_a_failed_reading_raises_one_corrective_request_found_by_the_operator_round(
    api_as, site, people
):
    plan = round_plan(site, people["planner"])
    wo = inspection(site, people, plan)
    tech = api_as(people["technician"])
    listed = tech.get(f"/work-orders/{wo.number}/checklist")
    assert listed.status_code == 200, listed.text
    body = listed.json()
    assert (body["status"], body["recording"]) == ("IP", True)
    assert [(i["item"], i["text"], i["kind"], i["inspection_kind"]) for i in body["items"]] == [
        (1, "Seal not leaking", "pass_fail", "O"),
        (2, "Bearing temperature", "reading", "O"),
    ]
    url = f"/work-orders/{wo.number}/checklist"
    passed = tech.post(f"{url}/1", json={"result": "pass"})
    assert passed.status_code == 200, passed.text
    assert (passed.json()["result"], passed.json()["follow_up"]) == ("pass", None)
    # when the reading is above its limit, it is a fail whatever the technician said
    hot = tech.post(f"{url}/2", json={"result": "pass", "value": 92, "note": "Hot to touch"})
    assert hot.status_code == 200, hot.text
    assert hot.json()["result"] == "fail"
    number = hot.json()["follow_up"]
    follow = WorkOrder.objects.select_related("initiated_by").get(number=number)
    assert (follow.status, follow.initiated_by.abbreviation, follow.parent_id) == ("WR", "O", wo.pk)
    assert follow.asset_id == wo.asset_id
    assert "Reading 92 °C, limits 20–80 °C" in follow.description
    assert "Hot to touch" in follow.description
    assert ChecklistItem.objects.get(work_order=wo, number=2).follow_up_id == follow.pk
    # then re-posting the fail (or passing it later) keeps the one request raised
    before = WorkOrder.objects.count()
    again = tech.post(f"{url}/2", json={"result": "fail", "value": "95.5"})
    assert (again.status_code, again.json()["follow_up"]) == (200, number)
    assert WorkOrder.objects.count() == before
    shown = tech.get(url).json()["items"][1]
    assert (shown["result"], Decimal(shown["value"]), shown["follow_up"]) == (
        "fail",
        Decimal("95.5"),
        number,
    )
    assert shown["recorded_by"] == people["technician"].username


def test_a_failed_pass_fail_check_is_coded_by_the_plans_kind(api_as, site, people):
    plan = round_plan(site, people["planner"], code="VIB-P101", kind="V")
    wo = inspection(site, people, plan)
    got = api_as(people["technician"]).post(
        f"/work-orders/{wo.number}/checklist/1", json={"result": "fail", "note": "Drip at seal"}
    )
    assert got.status_code == 200, got.text
    follow = WorkOrder.objects.get(number=got.json()["follow_up"])
    assert follow.initiated_by.abbreviation == "V"
    assert follow.title == "Failed check: Seal not leaking"


def test_bad_results_and_values_are_refused_naming_the_field(api_as, site, people):
    wo = inspection(site, people, round_plan(site, people["planner"]))
    tech = api_as(people["technician"])
    url = f"/work-orders/{wo.number}/checklist"
    for item, bad, field in (
        (1, {"result": "maybe"}, "result"),
        (1, {}, "result"),
        (1, {"result": "pass", "value": 3}, "value"),
        (2, {"result": "pass"}, "value"),
        (2, {"result": "pass", "value": "hot"}, "value"),
        (2, {"value": "1e12"}, "value"),
    ):
        got = tech.post(f"{url}/{item}", json=bad)
        assert (got.status_code, got.json()["errors"][0]["field"]) == (400, field), got.text
    assert not ChecklistItem.objects.exclude(result="").exists()
    assert WorkOrder.objects.count() == 1


def test_other_sites_roles_and_statuses(api_as, site, other_site, people, make_user):
    plan = round_plan(site, people["planner"])
    ready = inspection(site, people, plan, start=False)
    url = f"/work-orders/{ready.number}/checklist"
    # not started yet: 409 saying when results are recorded
    early = api_as(people["technician"]).post(f"{url}/1", json={"result": "pass"})
    assert early.status_code == 409, early.text
    assert (early.json()["status"], early.json()["allowed"]) == ("RS", ["IP"])
    transition(ready, "IP", actor=people["technician"])
    assert api_as(people["technician"]).post(f"{url}/9", json={"result": "pass"}).status_code == 404
    # a requester may look but not record
    requester = api_as(people["requester"])
    assert requester.get(url).status_code == 200
    refused = requester.post(f"{url}/1", json={"result": "pass"})
    assert refused.status_code == 403, refused.text
    assert "technician or supervisor" in refused.json()["detail"]
    stranger = api_as(make_user("technician", other_site, "tech_elsewhere"))
    assert stranger.get(url).status_code == 404
    assert stranger.post(f"{url}/1", json={"result": "pass"}).status_code == 404


def test_job_plan_checks_are_validated_and_listed(api_as, site, people):
    with pytest.raises(ValidationFailed) as bad:
        planning.create_job_plan(
            actor=people["planner"],
            site=site,
            code="BAD",
            name="Bad",
            tasks=[],
            checks=[
                {"text": "Gap", "kind": "reading", "low": 5, "high": 1},
                {"text": "Look", "low": 1},
                {"text": "x", "kind": "photo"},
            ],
            inspection_kind="Q",
        )
    messages = [e.message for e in bad.value.errors]
    assert any("allowed O, M, L, V, N" in m for m in messages)
    assert any("above high limit" in m for m in messages)
    assert any("has no limits" in m for m in messages)
    assert any("kind 'photo'" in m for m in messages)
    round_plan(site, people["planner"])
    plans = api_as(people["planner"]).get("/job-plans").json()
    assert plans[0]["inspection_kind"] == "O"
    assert [(c["text"], c["kind"], c["unit"]) for c in plans[0]["checklist"]] == [
        ("Seal not leaking", "pass_fail", ""),
        ("Bearing temperature", "reading", "°C"),
    ]
