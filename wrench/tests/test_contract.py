"""What the README promises a newcomer, held over real HTTP (issue 12, item 9)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from wrench.assets.models import CostCentre, Site
from wrench.coding.book import CodingBook
from wrench.testing import factories
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_readmes_approval_rule_routes_to_supervisors_who_approve_it(api_as, site, people):
    cc = CostCentre.objects.create(site=site, code="CC-100", name="Mill line")
    pump = factories.AssetFactory(site=site, code="P-101", cost_centre=cc)
    # given the README's example rule, as the admin posts it
    made = api_as(people["admin"]).post(
        "/approval-rules",
        json={
            "cost_centre": "CC-100",
            "min_amount": 0,
            "max_amount": 5000,
            "approver_role": "supervisor",
        },
    )
    assert made.status_code == 201, made.text
    # when work on that cost centre within the band is sent for approval
    wo = factories.work_order(
        site, people["requester"], asset=pump.code, estimated_cost=Decimal("800")
    )
    transition(wo, "WA", actor=people["supervisor"])
    # then the manager is not the routed approver, and the supervisor approves it
    refused = api_as(people["manager"]).post(f"/work-orders/{wo.number}/approve", json={})
    assert refused.status_code == 409  # a guard of the move, as every guard answers
    assert "routed to the supervisor role" in refused.json()["detail"]
    supervisor = api_as(people["supervisor"])
    assert [w["work_order"] for w in supervisor.get("/approvals/waiting").json()] == [wo.number]
    got = supervisor.post(f"/work-orders/{wo.number}/approve", json={})
    assert (got.status_code, got.json()["status"]) == (200, "BL"), got.text


def test_an_emergency_sent_for_approval_is_a_409_that_says_start_it(api_as, site, people):
    wo = factories.work_order(site, people["requester"], codes={"urgency": "E"})
    assert wo.status == "WR"
    got = api_as(people["supervisor"]).post(
        f"/work-orders/{wo.number}/transition", json={"to": "WA"}
    )
    assert got.status_code == 409
    assert "emergency work bypasses approval; start the work (IP)" in got.json()["detail"]
    assert WorkOrder.objects.get(pk=wo.pk).status == "WR"


def test_a_bad_requisition_status_is_a_400_like_every_other_bad_filter(api_as, site, people):
    got = api_as(people["planner"]).get("/requisitions?status=bogus")
    assert got.status_code == 400
    assert got.json()["errors"][0]["field"] == "status"


def test_createsite_makes_a_site_ready_for_requests(people):
    out = io.StringIO()
    call_command("createsite", "EAST", name="East mill", stdout=out)
    site = Site.objects.get(code="EAST")
    assert site.name == "East mill" and "default coding" in out.getvalue()
    urgencies = {v.abbreviation for v in CodingBook.for_site(site.pk).active_values("urgency")}
    assert {"E", "U", "#"} <= urgencies
    with pytest.raises(CommandError, match="exists already"):
        call_command("createsite", "EAST", name="Again")
    with pytest.raises(CommandError, match="code"):
        call_command("createsite", "no spaces allowed", name="Bad")
