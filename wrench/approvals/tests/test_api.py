"""Approval rules and decisions over real HTTP."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wrench.approvals.models import Approval, ApprovalRule
from wrench.testing import factories
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_writes_rules_approvers_see_what_waits_and_decide(api_as, site, people, make_user):
    admin = api_as(people["admin"])
    made = admin.post("/approval-rules", json={"min_amount": 0, "approver_role": "manager"})
    assert made.status_code == 201, made.text
    assert [r["approver_role"] for r in admin.get("/approval-rules").json()] == ["manager"]
    both = admin.post(
        "/approval-rules", json={"approver_role": "manager", "approver": "supervisor"}
    )
    assert (both.status_code, both.json()["errors"][0]["field"]) == (400, "approver")
    assert api_as(people["planner"]).get("/approval-rules").status_code == 403
    wo = factories.work_order(site, people["requester"])
    transition(wo, "WA", actor=people["supervisor"])
    manager = api_as(people["manager"])
    waiting = manager.get("/approvals/waiting").json()
    assert [(w["work_order"], w["approver"]) for w in waiting] == [(wo.number, "role manager")]
    assert api_as(people["supervisor"]).get("/approvals/waiting").json() == []
    got = manager.post(f"/work-orders/{wo.number}/approve", json={"approved_amount": "1500"})
    assert got.status_code == 200, got.text
    assert (got.json()["status"], Decimal(got.json()["approved_amount"])) == ("BL", 1500)
    assert Approval.objects.get().decision == "approved"
    again = manager.post(f"/work-orders/{wo.number}/approve", json={})
    assert (again.status_code, again.json()["status"]) == (409, "BL")
    assert ApprovalRule.objects.count() == 1


def test_approving_ones_own_request_above_ones_limit_is_refused_and_rejecting_needs_a_reason(
    api_as, site, people, make_user
):
    boss = make_user("supervisor", site, username="boss", approval_limit=Decimal(5000))
    boss.groups.add(*people["manager"].groups.all())
    wo = factories.work_order(site, boss, estimated_cost=Decimal(8000))
    transition(wo, "WA", actor=boss)
    api = api_as(boss)
    own = api.post(f"/work-orders/{wo.number}/approve", json={})
    # the lifecycle guard refuses it as a 409 naming the status and why
    assert (own.status_code, own.json()["status"]) == (409, "WA")
    assert (
        "yourself and its estimate 8000.00 is above your approval limit 5000.00"
        in (own.json()["detail"])
    )
    assert WorkOrder.objects.get(pk=wo.pk).status == "WA"
    manager = api_as(people["manager"])
    no_reason = manager.post(f"/work-orders/{wo.number}/reject", json={"reason": ""})
    assert (no_reason.status_code, no_reason.json()["status"]) == (409, "WA")
    assert "reason" in no_reason.json()["detail"]
    rejected = manager.post(f"/work-orders/{wo.number}/reject", json={"reason": "Not this year"})
    assert rejected.json()["status"] == "RJ"


@pytest.mark.parametrize("status", ["WR", "BL"])
def test_a_role_without_the_approve_permission_is_refused_whatever_the_status(
    api_as, site, people, status
):
    # 403 naming the roles that may, never a 409 that tells a requester the work's status.
    wo = factories.work_order(site, people["requester"])
    if status == "BL":
        transition(wo, "BL", actor=people["supervisor"])
    for role in ("requester", "technician", "planner", "scheduler"):
        for action, body in (("approve", {}), ("reject", {"reason": "no"})):
            answer = api_as(people[role]).post(f"/work-orders/{wo.number}/{action}", json=body)
            assert answer.status_code == 403, (role, action, answer.text)
            assert "manager" in answer.json()["detail"] and role in answer.json()["detail"]
    assert WorkOrder.objects.get(pk=wo.pk).status == status
    # an approver still hears the status
    got = api_as(people["manager"]).post(f"/work-orders/{wo.number}/approve", json={})
    assert (got.status_code, got.json()["status"]) == (409, status)


def test_reject_is_the_approvers_decision_on_wa_work_only(api_as, site, people):
    wo = factories.work_order(site, people["requester"])
    at_review = api_as(people["supervisor"]).post(
        f"/work-orders/{wo.number}/reject", json={"reason": "not here"}
    )
    assert (at_review.status_code, at_review.json()["status"]) == (409, "WR")
    assert WorkOrder.objects.get(pk=wo.pk).status == "WR"
