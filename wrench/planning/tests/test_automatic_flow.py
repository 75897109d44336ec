"""Done when: a work order walks through every automatic change (PL, WL, WM, RS, IP) by
what a planner, a storeman and a technician do (plus the approver's re-approval), and each
of those events is written by the system naming its cause."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wrench.approvals import services as approvals
from wrench.core.errors import NotAllowed
from wrench.labor.services import charge_time
from wrench.materials import services as materials
from wrench.planning import services as planning
from wrench.testing import factories
from wrench.workorders.models import WorkOrderEvent
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(site, people):
    """A request for 1,200 on a pump, sent for approval and approved by the manager: BL."""
    wo = factories.work_order(site, people["requester"], asset=factories.AssetFactory(site=site))
    transition(wo, "WA", actor=people["supervisor"])
    return approvals.approve(wo, actor=people["manager"])


def test_planner_storeman_technician_walk_a_work_order_through_every_automatic_change(
    site, people, make_user, approved
):
    planner, technician, manager = people["planner"], people["technician"], people["manager"]
    storeman = make_user("planner", site, username="storeman")
    mech = factories.trade(site, "MECH", "95")
    wo = approved
    assert (wo.status, wo.approved_amount) == ("BL", Decimal("1200.00"))

    # Planner: 4 h of a mechanic and two seal kits bought for the job, requisitioned and approved.
    planning.add_labour_estimate(wo, actor=planner, trade=mech, hours_each=4)
    planning.add_material(
        wo, actor=planner, quantity=2, description="Seal kit 50 mm", unit_cost=150
    )
    req = materials.raise_requisition(wo, actor=planner)
    materials.approve_requisition(req, actor=planner)
    wo.refresh_from_db()
    assert wo.status == "PL"
    assert wo.estimated_cost == Decimal("680.00")  # 4 h × 95 + 2 × 150

    # Planner: detailed planning finds two more mechanics for a day: above 1,200 + 10 %.
    planning.add_labour_estimate(wo, actor=planner, trade=mech, people=2, hours_each=8)
    wo.refresh_from_db()
    assert (wo.status, wo.estimated_cost, wo.estimated_hours) == (
        "WL",
        Decimal("2200.00"),
        Decimal("20.00"),
    )

    # The approver re-approves the new estimate; the planner finishes planning.
    approvals.approve(wo, actor=manager)
    planning.finish_planning(wo, actor=planner)
    wo.refresh_from_db()
    assert wo.status == "WM"

    # Storeman: the kits arrive one at a time; only the last makes the work ready.
    line = req.lines.get()
    materials.receive(line, actor=storeman, quantity=1)
    assert wo.__class__.objects.get(pk=wo.pk).status == "WM"
    materials.receive(line, actor=storeman, quantity=1)
    wo.refresh_from_db()
    assert wo.status == "RS"

    # Technician: the first hours charged start the work.
    charge_time(wo, actor=technician, hours="3.5", trade=mech)
    wo.refresh_from_db()
    assert wo.status == "IP"

    automatic = [
        (e.from_status, e.to_status, e.reason)
        for e in WorkOrderEvent.objects.filter(work_order=wo, automatic=True)
    ]
    assert [(f, t) for f, t, _ in automatic] == [
        ("BL", "PL"),
        ("PL", "WL"),
        ("PL", "WM"),
        ("WM", "RS"),
        ("RS", "IP"),
    ]
    reasons = [r for _, _, r in automatic]
    assert reasons[0] == f"first purchase requisition {req.number} approved"
    assert reasons[1] == (
        "estimate 2200.00 above the approved 1200.00 plus 10.00% (1320.00) after labour "
        "estimate 2 × MECH × 8 h added"
    )
    assert reasons[2] == (
        "planning finished by planner; material outstanding: 2 EA Seal kit 50 mm "
        "(direct purchase) not received"
    )
    assert (
        reasons[3]
        == f"last material received and on hand (1 Seal kit 50 mm received on {req.number})"
    )
    assert reasons[4].startswith("first labour charged: 3.5 h MECH by technician on ")
    assert all(
        e.actor is None for e in WorkOrderEvent.objects.filter(work_order=wo, automatic=True)
    )


def test_stock_reservation_waits_for_stock_and_a_receipt_into_the_store_makes_it_ready(
    site, people, approved
):
    planner = people["planner"]
    store, bearing = factories.storeroom(site), factories.stock_item(site, unit_cost="85")
    materials.count_stock(actor=planner, stock_item=bearing, storeroom=store, on_hand=1)
    transition(approved, "PL", actor=planner)
    planning.add_material(approved, actor=planner, quantity=2, stock_item=bearing, storeroom=store)
    wo = planning.finish_planning(approved, actor=planner)
    assert wo.status == "WM"
    assert "2 EA Bearing BRG-6310 reserved at MAIN, 1 on hand for it" in wo.events.last().reason

    req = materials.raise_stock_requisition(actor=planner, storeroom=store, items=[(bearing, 5)])
    materials.approve_requisition(req, actor=people["manager"])
    materials.receive(req.lines.get(), actor=planner, quantity=5)
    wo.refresh_from_db()
    assert wo.status == "RS"
    assert wo.events.last().automatic
    level = bearing.levels.get()
    assert (level.on_hand, level.reserved) == (Decimal("6"), Decimal("2"))


def test_finishing_planning_with_nothing_outstanding_makes_it_ready_by_the_planner(
    site, people, approved
):
    wo = planning.finish_planning(approved, actor=people["planner"])
    event = wo.events.last()
    assert (wo.status, event.automatic, event.actor) == ("RS", False, people["planner"])


def test_material_that_lifts_the_estimate_past_approval_sends_backlog_work_to_wl(
    site, people, approved
):
    # Given work approved at 1,200 in the backlog, when the planner adds 5,000 of material
    planning.add_material(
        approved, actor=people["planner"], quantity=10, description="Liner plates", unit_cost=500
    )
    # Then the estimate (5,000) is above 1,200 plus 10 %: the work waits for re-approval
    wo = type(approved).objects.get(pk=approved.pk)
    assert (wo.status, wo.estimated_cost) == ("WL", Decimal("5000.00"))
    event = WorkOrderEvent.objects.filter(work_order=wo).last()
    assert event.automatic and "after material Liner plates added" in event.reason
    # and a requisition for it still needs an approver with the limit
    req = materials.raise_requisition(wo, actor=people["planner"])
    with pytest.raises(NotAllowed, match=r"totals 5000\.00, above your approval limit"):
        materials.approve_requisition(req, actor=people["planner"])
    assert materials.approve_requisition(req, actor=people["manager"]).status == "approved"
    assert type(approved).objects.get(pk=approved.pk).status == "WL"
