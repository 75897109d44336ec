"""The lifecycle table: every allowed move by its role, forbidden ones refused clearly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from wrench.accounts.roles import Role
from wrench.core import clock
from wrench.core.errors import Conflict, NotAllowed
from wrench.testing import factories
from wrench.workorders import lifecycle
from wrench.workorders.lifecycle import SYSTEM
from wrench.workorders.models import WorkOrder, WorkOrderEvent
from wrench.workorders.services import transition
from wrench.workorders.status import Status

pytestmark = pytest.mark.django_db

ALLOWED = [(rule, src) for rule in lifecycle.TABLE for src in rule.sources]


def _at(site, people, status, *, urgency="#", initiated_by="O", **fields):
    """A work order raised by the requester and put in `status` (arrangement only)."""
    codes = {"urgency": urgency, "initiated_by": initiated_by}
    wo = factories.work_order(site, people["requester"], codes=codes)
    WorkOrder.objects.filter(pk=wo.pk).update(status=status, **fields)
    wo.refresh_from_db()
    return wo


def _arrange(site, people, rule, src):
    fields = {}
    if rule.to == "CL":
        fields["completed_at"] = clock.now() - dt.timedelta(days=15)
    if rule.to == "WL":
        fields["approved_amount"] = Decimal("1000")  # estimate 1200 > 1000 + 10 %
    if lifecycle.g.generated_by_system in rule.guards:
        fields["initiated_by"] = "T"  # the system moves it only for work a PM plan raised
    return _at(site, people, src, urgency="E" if (src, rule.to) == ("WR", "IP") else "#", **fields)


@pytest.mark.parametrize(
    ("rule", "src"), ALLOWED, ids=[f"{src}-{rule.to}-{rule.permission}" for rule, src in ALLOWED]
)
def test_every_allowed_transition_by_its_role(site, people, rule, src):
    wo = _arrange(site, people, rule, src)
    actor = people[rule.roles[0]] if rule.roles else SYSTEM
    moved = transition(wo, rule.to, actor=actor, reason="because", findings="Replaced the seal")
    assert moved.status == rule.to
    event = WorkOrderEvent.objects.filter(work_order=wo).last()
    assert (event.from_status, event.to_status) == (src, rule.to)
    assert event.automatic is (actor is SYSTEM)
    assert event.actor == (None if actor is SYSTEM else actor)


@pytest.mark.parametrize(
    "rule", [r for r in lifecycle.TABLE if r.system], ids=lambda r: f"{r.sources[0]}-{r.to}"
)
def test_the_system_makes_the_spec_automatic_moves(site, people, rule):
    wo = _arrange(site, people, rule, rule.sources[0])
    transition(wo, rule.to, actor=SYSTEM, reason="first labour charged")
    event = WorkOrderEvent.objects.filter(work_order=wo).last()
    assert event.automatic and event.actor is None and event.reason == "first labour charged"


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_each_role_is_refused_the_moves_it_does_not_hold_naming_the_role_needed(site, people, role):
    refused = 0
    for rule in lifecycle.TABLE:
        src = rule.sources[0]
        holders = lifecycle.roles_needed(lifecycle.rules_between(src, rule.to))
        if role in holders or not holders:
            continue
        wo = _arrange(site, people, rule, src)
        with pytest.raises(NotAllowed) as caught:
            transition(wo, rule.to, actor=people[role], reason="r", findings="f")
        assert f"needs the {' or '.join(holders)} role; you are {role}" in caught.value.detail
        assert WorkOrder.objects.get(pk=wo.pk).status == src
        refused += 1
    assert refused >= 8


@pytest.mark.parametrize(
    ("src", "to"),
    [("WR", "CL"), ("BL", "CO"), ("CL", "IP"), ("RJ", "WR"), ("CA", "BL"), ("IP", "SC")],
)
def test_a_forbidden_move_names_the_status_and_the_allowed_next_ones(site, people, src, to):
    wo = _at(site, people, src)
    with pytest.raises(Conflict) as caught:
        transition(wo, to, actor=people["planner"])
    assert caught.value.status == src
    assert caught.value.allowed == lifecycle.next_statuses(src)
    assert f"is {src} ({Status(src).label}) and cannot go to {to}" in caught.value.detail
    assert WorkOrderEvent.objects.filter(work_order=wo).count() == 1


def test_the_system_cannot_make_a_persons_move(site, people):
    wo = _at(site, people, "WR")
    with pytest.raises(Conflict, match="never automatic"):
        transition(wo, "WA", actor=SYSTEM)


def test_emergency_bypasses_approval_and_other_work_cannot(site, people):
    emergency = _at(site, people, "WR", urgency="E")
    transition(emergency, "IP", actor=people["technician"])
    normal = _at(site, people, "WR", urgency="U")
    with pytest.raises(Conflict, match="only emergency work may start straight from a request"):
        transition(normal, "IP", actor=people["technician"])


@pytest.mark.parametrize(
    ("src", "to", "who"),
    [
        ("WR", "RJ", "supervisor"),
        ("WA", "RJ", "manager"),
        ("BL", "CA", "planner"),
        ("CO", "IP", "supervisor"),
    ],
)
def test_rejecting_cancelling_and_reopening_need_a_reason(site, people, src, to, who):
    wo = _at(site, people, src, completed_at=clock.now())
    with pytest.raises(Conflict, match="a reason is required"):
        transition(wo, to, actor=people[who], reason="  ")


def test_a_requester_cancels_only_their_own_request(site, people, make_user):
    mine = _at(site, people, "WR")
    transition(mine, "CA", actor=people["requester"], reason="Fixed it myself")
    other = factories.work_order(site, make_user("requester", site, username="op2"))
    with pytest.raises(Conflict, match="only their own requests"):
        transition(other, "CA", actor=people["requester"], reason="not mine")
    scheduled = _at(site, people, "BL")
    with pytest.raises(NotAllowed):
        transition(scheduled, "CA", actor=people["requester"], reason="too late for me")


def test_supervisor_approves_only_within_their_own_limit(site, people):
    small = _at(site, people, "WR", estimated_cost=Decimal("4999"))
    assert transition(small, "BL", actor=people["supervisor"]).approved_amount == Decimal("4999")
    big = _at(site, people, "WR", estimated_cost=Decimal("25000"))
    with pytest.raises(Conflict, match="above your approval limit 5000"):
        transition(big, "BL", actor=people["supervisor"])
    transition(big, "WA", actor=people["supervisor"])
    assert transition(big, "BL", actor=people["manager"]).approved_amount == Decimal("25000")


def test_leaving_review_needs_the_before_approval_coding(site, people):
    wo = factories.work_order(site, people["requester"], codes={"reason": "", "action": ""})
    with pytest.raises(Conflict) as caught:
        transition(wo, "WA", actor=people["supervisor"])
    assert "WO – Reason is required before the work order leaves review" in caught.value.detail
    assert "WO – Action" in caught.value.detail


def test_completion_needs_findings(site, people):
    wo = _at(site, people, "IP")
    with pytest.raises(Conflict, match="record the findings"):
        transition(wo, "CO", actor=people["technician"])
    done = transition(wo, "CO", actor=people["technician"], findings="Bearing replaced")
    assert done.findings == "Bearing replaced" and done.completed_at is not None


def test_closing_waits_the_closing_delay_after_completion(site, people):
    # given work physically complete now, with the default 14-day delay
    wo = _at(site, people, "IP")
    completed = transition(wo, "CO", actor=people["technician"], findings="done").completed_at
    # when the planner tries on day 13, it is refused with the earliest date
    with clock.travel_to(completed + dt.timedelta(days=13)), pytest.raises(Conflict) as caught:
        transition(wo, "CL", actor=people["planner"])
    assert "waits 14 days" in caught.value.detail
    assert f"earliest close {(completed + dt.timedelta(days=14)):%Y-%m-%d}" in caught.value.detail
    # then on day 14 it closes
    with clock.travel_to(completed + dt.timedelta(days=14)):
        assert transition(wo, "CL", actor=people["planner"]).closed_at is not None


def test_the_closing_delay_is_set_per_site(site, people):
    site.closing_delay_days = 0
    site.save()
    wo = _at(site, people, "CO", completed_at=clock.now())
    assert transition(wo, "CL", actor=people["planner"]).status == "CL"


def test_re_approval_only_above_the_allowed_variance(site, people):
    within = _at(site, people, "PL", approved_amount=Decimal("1100"))  # 1200 ≤ 1100 × 1.1
    with pytest.raises(Conflict, match="re-approval is not needed"):
        transition(within, "WL", actor=SYSTEM)
    over = _at(site, people, "PL", approved_amount=Decimal("1000"))
    transition(over, "WL", actor=SYSTEM, reason="estimate 1200 above 1000 + 10%")
    back = transition(over, "PL", actor=people["manager"], approved_amount=Decimal("1250"))
    assert back.approved_amount == Decimal("1250")


def test_a_stale_copy_is_checked_against_the_current_status(site, people):
    wo = _at(site, people, "WR")
    stale = WorkOrder.objects.get(pk=wo.pk)
    transition(wo, "WA", actor=people["supervisor"])
    with pytest.raises(Conflict, match="is WA"):
        transition(stale, "WA", actor=people["supervisor"])


def test_the_table_covers_the_spec_statuses(site):
    reachable = {rule.to for rule in lifecycle.TABLE} | {"WR"}
    assert reachable == set(Status.values)


def test_the_system_approves_and_readies_only_work_the_computer_raised(site, people):
    by_person = _at(site, people, "WR", initiated_by="O")
    with pytest.raises(Conflict, match="the system moves only work the computer raised"):
        transition(by_person, "BL", actor=SYSTEM)
    generated = _at(site, people, "WR", initiated_by="H")
    assert transition(generated, "BL", actor=SYSTEM).status == "BL"
    assert transition(generated, "RS", actor=SYSTEM).status == "RS"
