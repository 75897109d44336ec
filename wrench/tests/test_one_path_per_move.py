"""One path per move: `/transition` to CO and CL applies the same rules and records the same
things as `/complete` and `/close`, over real HTTP; a raised estimate is re-approved."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from wrench.core import clock
from wrench.planning import services as planning
from wrench.planning.models import JobPlanUse
from wrench.testing import factories
from wrench.workorders.models import WorkOrder, WorkOrderCode, WorkOrderEvent
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db(transaction=True)

FAILURE = {"problem": "ELP", "cause": "MISA", "remedy": "REPL"}


def _in(site, people, status, **fields):
    wo = factories.work_order(site, people["requester"])
    WorkOrder.objects.filter(pk=wo.pk).update(status=status, **fields)
    wo.refresh_from_db()
    return wo


def _recorded(wo):
    wo.refresh_from_db()
    codes = {
        c.characteristic.key: c.value.abbreviation
        for c in WorkOrderCode.objects.filter(work_order=wo)
    }
    event = WorkOrderEvent.objects.filter(work_order=wo).last()
    return wo.status, wo.findings, codes, (event.from_status, event.to_status)


@pytest.mark.parametrize("path", ["transition", "complete"])
def test_completing_by_either_path_records_findings_and_failure_coding(api_as, site, people, path):
    wo = _in(site, people, "IP")
    body = {"findings": "Seal faces scored; replaced.", **FAILURE}
    if path == "transition":
        body["to"] = "CO"
    got = api_as(people["technician"]).post(f"/work-orders/{wo.number}/{path}", json=body)
    assert got.status_code == 200, got.text
    assert _recorded(wo) == ("CO", "Seal faces scored; replaced.", FAILURE, ("IP", "CO"))


@pytest.mark.parametrize("path", ["transition", "complete"])
def test_a_wrong_failure_code_is_refused_the_same_way_by_either_path(api_as, site, people, path):
    wo = _in(site, people, "IP")
    body = {"findings": "Done", "cause": "ELP", **({"to": "CO"} if path == "transition" else {})}
    got = api_as(people["technician"]).post(f"/work-orders/{wo.number}/{path}", json=body)
    assert got.status_code == 400, got.text
    assert got.json()["errors"][0]["field"] == "cause"
    assert "is not a value of WO – Cause" in got.json()["errors"][0]["message"]
    assert WorkOrder.objects.get(pk=wo.pk).status == "IP"


@pytest.mark.parametrize("path", ["transition", "close"])
def test_closing_by_either_path_keeps_the_job_plan_feedback(api_as, site, people, path):
    wo = _in(site, people, "PL", approved_amount=Decimal(2000))
    plan = planning.create_job_plan(
        actor=people["planner"], site=site, code="JP-1", name="Seal", tasks=["Replace seal"]
    )
    planning.apply_job_plan(wo, actor=people["planner"], job_plan=plan)
    WorkOrder.objects.filter(pk=wo.pk).update(
        status="CO", completed_at=clock.now() - dt.timedelta(days=20)
    )
    body = {"feedback": "Check the coupling too", **({"to": "CL"} if path == "transition" else {})}
    got = api_as(people["planner"]).post(f"/work-orders/{wo.number}/{path}", json=body)
    assert got.status_code == 200, got.text
    use = JobPlanUse.objects.get(work_order=wo)
    assert (use.feedback, use.feedback_by) == ("Check the coupling too", people["planner"])
    assert WorkOrder.objects.get(pk=wo.pk).status == "CL"


def test_an_extra_sent_with_a_move_that_does_not_record_it_is_a_400(api_as, site, people):
    wo = factories.work_order(site, people["requester"])
    got = api_as(people["supervisor"]).post(
        f"/work-orders/{wo.number}/transition", json={"to": "WA", "feedback": "hello"}
    )
    assert got.status_code == 400, got.text
    assert got.json()["errors"] == [
        {"field": "feedback", "message": "recorded only when closing (CL)"}
    ]
    assert WorkOrder.objects.get(pk=wo.pk).status == "WR"


def test_a_patched_estimate_on_approved_work_waits_for_re_approval(api_as, site, people):
    # Given work approved at 100 in the backlog
    wo = factories.work_order(site, people["requester"], estimated_cost=Decimal(100))
    transition(wo, "WA", actor=people["supervisor"])
    transition(wo, "BL", actor=people["manager"])
    supervisor = api_as(people["supervisor"])
    # When the supervisor patches the estimate to 1,000,000
    got = supervisor.patch(f"/work-orders/{wo.number}", json={"estimated_cost": "1000000"})
    # Then it is waiting for re-approval and the planner cannot make it ready
    assert got.status_code == 200, got.text
    assert got.json()["status"] == "WL"
    planner = api_as(people["planner"])
    refused = planner.post(f"/work-orders/{wo.number}/transition", json={"to": "RS"})
    assert refused.status_code == 409, refused.text
    assert WorkOrder.objects.get(pk=wo.pk).status == "WL"
