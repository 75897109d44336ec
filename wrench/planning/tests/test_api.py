"""Planning, job plans, completion and closing over real HTTP."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wrench.approvals import services as approvals
from wrench.planning import services as planning
from wrench.planning.models import JobPlanUse, LabourEstimate
from wrench.testing import factories
from wrench.workorders.models import WorkOrder, WorkOrderCode
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def approved(site, people):
    wo = factories.work_order(site, people["requester"], asset=factories.AssetFactory(site=site))
    transition(wo, "WA", actor=people["supervisor"])
    return approvals.approve(wo, actor=people["manager"])


def test_planner_estimates_labour_applies_a_job_plan_and_goes_past_the_variance(
    api_as, site, people, approved
):
    planner = api_as(people["planner"])
    mech = factories.trade(site, "MECH", "95")
    plan = planning.create_job_plan(
        actor=people["planner"],
        site=site,
        code="SEAL",
        name="Replace a mechanical seal",
        tasks=["Isolate", "Replace seal", "Test run"],
        labour=[(mech, 2, 8)],
    )
    transition(approved, "PL", actor=people["planner"])
    url = f"/work-orders/{approved.number}/labour-estimates"
    added = planner.post(url, json={"trade": "MECH", "hours_each": "4"})
    assert added.status_code == 201, added.text
    body = added.json()
    assert (Decimal(body["estimated_cost"]), Decimal(body["approved_amount"])) == (380, 1200)
    assert [(e["trade"], Decimal(e["cost"])) for e in body["items"]] == [("MECH", 380)]
    # bad input: negative hours, an unknown trade, too many people; nothing is written
    for bad, field in (
        ({"trade": "MECH", "hours_each": -4}, "hours_each"),
        ({"trade": "PLUMB", "hours_each": 4}, "trade"),
        ({"trade": "MECH", "hours_each": 4, "people": 900}, "people"),
    ):
        got = planner.post(url, json=bad)
        assert (got.status_code, got.json()["errors"][0]["field"]) == (400, field), got.text
    assert LabourEstimate.objects.count() == 1
    plans = planner.get("/job-plans").json()
    assert [(p["code"], p["tasks"]) for p in plans] == [
        ("SEAL", ["Isolate", "Replace seal", "Test run"])
    ]
    assert planner.get(f"/job-plans/{plan.pk}").json()["labour"][0]["people"] == 2
    # applying the plan: 380 + 2 × 8 × 95 = 1900 > 1200 + 10 %: WL by itself
    applied = planner.post(f"/work-orders/{approved.number}/job-plans", json={"job_plan": "SEAL"})
    assert applied.status_code == 201, applied.text
    assert (applied.json()["status"], Decimal(applied.json()["estimated_cost"])) == ("WL", 1900)
    twice = planner.post(f"/work-orders/{approved.number}/job-plans", json={"job_plan": "SEAL"})
    assert twice.status_code == 409
    first = body["items"][0]["id"]
    removed = planner.delete(f"{url}/{first}")
    assert removed.status_code == 200, removed.text
    assert (removed.json()["status"], Decimal(removed.json()["estimated_cost"])) == ("WL", 1520)
    assert planner.delete(f"{url}/999999").status_code == 404
    requester = api_as(people["requester"])
    assert requester.post(url, json={"trade": "MECH", "hours_each": 1}).status_code == 403


def test_technician_completes_with_failure_coding_raises_follow_up_planner_closes(
    api_as, site, people
):
    site.closing_delay_days = 0
    site.save()
    wo = factories.work_order(site, people["requester"])
    for to, who in (("BL", "supervisor"), ("RS", "planner"), ("IP", "technician")):
        wo = transition(wo, to, actor=people[who])
    plan = planning.create_job_plan(
        actor=people["planner"], site=site, code="INSP", name="Inspect", tasks=["Look"]
    )
    JobPlanUse.objects.create(
        site=site,
        work_order=wo,
        job_plan=plan,
        applied_by=people["planner"],
        applied_at=wo.updated_at,
    )
    tech = api_as(people["technician"])
    bad = tech.post(
        f"/work-orders/{wo.number}/complete",
        json={"findings": "Seal worn", "problem": "XXX", "cause": "WEAR", "remedy": "REPL"},
    )
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "problem"
    assert WorkOrder.objects.get(pk=wo.pk).status == "IP"
    done = tech.post(
        f"/work-orders/{wo.number}/complete",
        json={"findings": "Seal worn", "problem": "ELP", "cause": "WEAR", "remedy": "REPL"},
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "CO"
    assert {
        c.characteristic.key: c.value.abbreviation
        for c in WorkOrderCode.objects.filter(work_order=wo).select_related(
            "characteristic", "value"
        )
        if c.characteristic.key in ("problem", "cause", "remedy")
    } == {"problem": "ELP", "cause": "WEAR", "remedy": "REPL"}
    follow = tech.post(
        f"/work-orders/{wo.number}/follow-ups",
        json={"title": "Realign coupling", "description": "Found out of line."},
    )
    assert follow.status_code == 201, follow.text
    assert (follow.json()["status"], follow.json()["initiated_by"]["abbreviation"]) == ("WR", "W")
    assert tech.post(f"/work-orders/{wo.number}/close", json={}).status_code == 403
    closed = api_as(people["planner"]).post(
        f"/work-orders/{wo.number}/close", json={"feedback": "Add a coupling check."}
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "CL"
    assert JobPlanUse.objects.get().feedback == "Add a coupling check."
