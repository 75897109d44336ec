"""The lifecycle table names every effect of a move; nothing else reacts to a move."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from wrench.approvals.models import Approval
from wrench.core.errors import Conflict, ValidationFailed
from wrench.testing import factories
from wrench.workorders import lifecycle, lifecycle_doc
from wrench.workorders.models import WorkOrder, WorkOrderEvent
from wrench.workorders.services import transition, update_work_order
from wrench.workorders.signals import work_order_created, work_order_transitioned

pytestmark = pytest.mark.django_db


def _steps():
    for rule in lifecycle.TABLE:
        yield from rule.guards
        yield from rule.effects


def test_no_signal_receiver_holds_business_flow():
    # Given every app loaded, then nothing listens to a move or a creation: what follows
    # from a move is on its row of the table.
    assert work_order_transitioned.receivers == []
    assert work_order_created.receivers == []


def test_every_guard_and_effect_on_the_table_exists_and_says_what_it_does():
    for step in _steps():
        if isinstance(step, lifecycle.Later):
            assert callable(step.target), step.path
        assert lifecycle.step_doc(step), f"{lifecycle.step_name(step)} has no docstring"


def test_docs_lifecycle_md_is_the_table():
    text = lifecycle_doc.DOC.read_text()
    assert lifecycle_doc.BEGIN in text and lifecycle_doc.END in text
    assert text == lifecycle_doc.rendered(text), "run `wrench lifecycle_doc --write`"


def test_effects_run_in_the_order_of_the_row_inside_the_move(site, people):
    # Given work waiting approval, when the manager approves 1800 of it, then the amount is
    # recorded before the decision, so the approval row carries it.
    wo = factories.work_order(site, people["requester"])
    transition(wo, "WA", actor=people["supervisor"])
    transition(wo, "BL", actor=people["manager"], approved_amount=Decimal(1800))
    approval = Approval.objects.get(work_order=wo)
    assert (approval.decision, approval.approved_amount) == ("approved", Decimal("1800.00"))


def test_an_effect_that_fails_rolls_the_whole_move_back(site, people, monkeypatch):
    wo = factories.work_order(site, people["requester"])

    def broken(move, event):
        raise RuntimeError("storeroom offline")

    table = tuple(
        dataclasses.replace(r, effects=(*r.effects, broken)) if r.to == "WA" else r
        for r in lifecycle.TABLE
    )
    monkeypatch.setattr(lifecycle, "TABLE", table)
    with pytest.raises(RuntimeError):
        transition(wo, "WA", actor=people["supervisor"])
    assert WorkOrder.objects.get(pk=wo.pk).status == "WR"
    assert not Approval.objects.filter(work_order=wo).exists()
    assert not WorkOrderEvent.objects.filter(work_order=wo, to_status="WA").exists()


def test_an_emergency_is_never_sent_for_approval(site, people):
    wo = factories.work_order(site, people["requester"], codes={"urgency": "E"})
    with pytest.raises(Conflict, match="emergency work bypasses approval; start the work"):
        transition(wo, "WA", actor=people["supervisor"])
    assert WorkOrder.objects.get(pk=wo.pk).status == "WR"
    assert "WA" not in {o.to for o in lifecycle.options_for(wo, people["supervisor"])}


@pytest.mark.parametrize("status", ["BL", "PL", "WM", "RS", "SC"])
def test_a_rise_of_the_estimate_on_approved_work_sends_it_for_re_approval(site, people, status):
    # Given work approved at 100 and now in `status`
    wo = factories.work_order(site, people["requester"], estimated_cost=Decimal(100))
    transition(wo, "WA", actor=people["supervisor"])
    transition(wo, "BL", actor=people["manager"])
    WorkOrder.objects.filter(pk=wo.pk).update(status=status)
    # When a supervisor raises the estimate to 1,000,000
    moved = update_work_order(wo, actor=people["supervisor"], estimated_cost="1000000")
    # Then it waits for re-approval, routed like any approval, and cannot go on
    assert moved.status == "WL"
    event = WorkOrderEvent.objects.filter(work_order=wo).last()
    assert event.automatic and "above the approved 100.00 plus 10" in event.reason
    assert Approval.objects.pending().filter(work_order=wo, reapproval=True).exists()
    with pytest.raises(Conflict):
        transition(moved, "RS", actor=people["planner"])


def test_a_rise_within_the_variance_changes_nothing(site, people):
    wo = factories.work_order(site, people["requester"], estimated_cost=Decimal(100))
    transition(wo, "WA", actor=people["supervisor"])
    transition(wo, "BL", actor=people["manager"])
    assert update_work_order(wo, actor=people["supervisor"], estimated_cost="110").status == "BL"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"approved_amount": Decimal(10)}, "approved_amount"),
        ({"failure": {"problem": "ELP"}}, "failure"),
        ({"feedback": "Add a step"}, "feedback"),
    ],
)
def test_an_extra_the_move_does_not_record_is_refused(site, people, extra, field):
    wo = factories.work_order(site, people["requester"])
    with pytest.raises(ValidationFailed) as bad:
        transition(wo, "WA", actor=people["supervisor"], **extra)
    assert bad.value.errors[0].field == field
    assert WorkOrder.objects.get(pk=wo.pk).status == "WR"
