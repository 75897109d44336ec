"""Approval routing: the right approver is named, only they decide, decisions are recorded."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wrench.approvals import services
from wrench.approvals.models import Approval
from wrench.assets.models import CostCentre
from wrench.core.errors import Conflict, ValidationFailed
from wrench.testing import factories
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules(site, people, make_user):
    """Crushing: up to 10,000 → the area manager by name; above → any manager. Elsewhere → managers."""
    area_manager = make_user("manager", site, username="crushing_manager", approval_limit=10000)
    crushing = CostCentre.objects.create(site=site, code="CC-100", name="Crushing")
    admin = people["admin"]
    services.add_approval_rule(
        actor=admin, site=site, cost_centre=crushing, max_amount=10000, approver=area_manager
    )
    services.add_approval_rule(
        actor=admin, site=site, cost_centre=crushing, min_amount=10000, approver_role="manager"
    )
    services.add_approval_rule(actor=admin, site=site, approver_role="manager")
    return {"area_manager": area_manager, "crushing": crushing}


def _sent(site, people, cost, cost_centre=None):
    asset = factories.AssetFactory(site=site, cost_centre=cost_centre) if cost_centre else None
    wo = factories.work_order(site, people["requester"], estimated_cost=cost, asset=asset)
    return transition(wo, "WA", actor=people["supervisor"])


def test_sending_for_approval_routes_by_cost_centre_and_estimate(site, people, rules):
    small = _sent(site, people, Decimal(2000), rules["crushing"])
    big = _sent(site, people, Decimal(25000), rules["crushing"])
    other = _sent(site, people, Decimal(2000))
    assert small.approvals.get().approver == rules["area_manager"]
    assert (big.approvals.get().approver, big.approvals.get().approver_role) == (None, "manager")
    assert other.approvals.get().approver_role == "manager"
    # the named approval waits for the area manager only; the role ones for every manager
    assert small.approvals.get() in Approval.objects.waiting_for(rules["area_manager"])
    assert set(Approval.objects.waiting_for(people["manager"])) == {
        big.approvals.get(),
        other.approvals.get(),
    }


def test_only_the_routed_approver_may_approve_and_the_decision_is_recorded(site, people, rules):
    wo = _sent(site, people, Decimal(2000), rules["crushing"])
    with pytest.raises(Conflict, match="is routed to crushing_manager for approval"):
        services.approve(wo, actor=people["manager"])
    services.approve(wo, actor=rules["area_manager"], approved_amount=Decimal(1800))
    approval = wo.approvals.get()
    assert approval.decision == "approved"
    assert approval.decided_by == rules["area_manager"]
    assert approval.approved_amount == Decimal("1800.00")
    assert approval.decided_at is not None


def test_rejection_is_recorded_with_who_and_why(site, people, rules):
    wo = _sent(site, people, Decimal(25000), rules["crushing"])
    services.reject(wo, actor=people["manager"], reason="Not in this year's budget")
    approval = wo.approvals.get()
    assert (approval.decision, approval.decided_by, approval.note) == (
        "rejected",
        people["manager"],
        "Not in this year's budget",
    )


def test_approving_ones_own_request_above_ones_limit_is_refused_and_nothing_changes(
    site, people, rules
):
    # given the area manager raised a 9,000 request but their limit was cut to 5,000
    manager = rules["area_manager"]
    manager.approval_limit = Decimal(5000)
    manager.save()
    manager.refresh_from_db()
    wo = factories.work_order(
        site,
        manager,
        estimated_cost=Decimal(9000),
        asset=factories.AssetFactory(site=site, cost_centre=rules["crushing"]),
    )
    transition(wo, "WA", actor=people["supervisor"])
    with pytest.raises(Conflict) as refused:
        services.approve(wo, actor=manager)
    assert (
        f"you raised {wo.number} yourself and its estimate 9000.00 is above your approval "
        "limit 5000.00; another approver must approve it" in refused.value.detail
    )
    wo.refresh_from_db()
    assert wo.status == "WA" and wo.approvals.get().decision == "pending"


def test_re_approval_is_routed_again_at_the_new_estimate(site, people, rules):
    wo = _sent(site, people, Decimal(2000), rules["crushing"])
    services.approve(wo, actor=rules["area_manager"])
    transition(wo, "PL", actor=people["planner"])
    wo.__class__.objects.filter(pk=wo.pk).update(estimated_cost=Decimal(30000))
    transition(wo, "WL", actor=_system())
    again = wo.approvals.order_by("id").last()
    assert again.reapproval and again.amount == Decimal("30000.00")
    assert again.approver_role == "manager"  # above 10,000: any manager
    services.approve(wo, actor=people["manager"])
    wo.refresh_from_db()
    assert (wo.status, wo.approved_amount) == ("PL", Decimal("30000.00"))


def _system():
    from wrench.workorders.lifecycle import SYSTEM

    return SYSTEM


def test_a_rule_must_name_one_approver_who_can_approve_the_whole_band(site, people):
    with pytest.raises(ValidationFailed) as bad:
        services.add_approval_rule(
            actor=people["admin"], site=site, max_amount=50000, approver=people["supervisor"]
        )
    assert "supervisor may approve up to 5000; the band reaches 50000" in str(bad.value.errors)
    with pytest.raises(ValidationFailed) as bad:
        services.add_approval_rule(
            actor=people["admin"], site=site, max_amount=500, approver=people["planner"]
        )
    assert "planner is not an approver at NORTH" in str(bad.value.errors)
    with pytest.raises(ValidationFailed):
        services.add_approval_rule(actor=people["admin"], site=site, approver_role="technician")
    with pytest.raises(ValidationFailed):
        services.add_approval_rule(
            actor=people["admin"],
            site=site,
            min_amount=500,
            max_amount=100,
            approver_role="manager",
        )
