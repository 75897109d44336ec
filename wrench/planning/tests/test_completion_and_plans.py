"""Job plans copied onto work, completion with failure coding, follow-ups, closing review."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from wrench.core import clock
from wrench.core.errors import Conflict, ValidationFailed
from wrench.planning import completion, services
from wrench.planning.models import JobPlanUse
from wrench.testing import factories
from wrench.workorders.models import WorkOrder, WorkOrderCode
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db


def _in(site, people, status, **fields):
    wo = factories.work_order(site, people["requester"])
    WorkOrder.objects.filter(pk=wo.pk).update(status=status, **fields)
    wo.refresh_from_db()
    return wo


@pytest.fixture
def seal_plan(site, people):
    bearing = factories.stock_item(site, unit_cost="85")
    return services.create_job_plan(
        actor=people["planner"],
        site=site,
        code="JP-SEAL",
        name="Replace mechanical seal",
        tasks=["Isolate and lock out", "Replace seal", "Test run 30 min"],
        labour=[(factories.trade(site, "MECH", "95"), 2, 3)],
        materials_list=[(None, "Seal kit", 1, 240), (bearing, "", 2, None)],
    )


def test_a_job_plan_copies_tasks_labour_and_materials_and_rolls_up_the_estimate(
    site, people, seal_plan
):
    wo = _in(site, people, "PL", approved_amount=Decimal(2000))
    services.apply_job_plan(
        wo, actor=people["planner"], job_plan=seal_plan, storeroom=factories.storeroom(site)
    )
    wo.refresh_from_db()
    assert [t.text for t in wo.tasks.all()] == [
        "Isolate and lock out",
        "Replace seal",
        "Test run 30 min",
    ]
    assert wo.estimated_hours == Decimal("6.00")
    assert wo.estimated_cost == Decimal("980.00")  # 6 h × 95 + 240 + 2 × 85
    assert wo.status == "PL"
    with pytest.raises(Conflict, match="JP-SEAL is already on"):
        services.apply_job_plan(
            wo, actor=people["planner"], job_plan=seal_plan, storeroom=factories.storeroom(site)
        )


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("hours_each", {"hours_each": "-3"}),
        ("hours_each", {"hours_each": "9000"}),
        ("people", {"people": 0, "hours_each": 2}),
        ("people", {"people": "many", "hours_each": 2}),
    ],
)
def test_negative_or_absurd_labour_estimates_are_refused(site, people, field, kwargs):
    wo = _in(site, people, "PL")
    with pytest.raises(ValidationFailed) as bad:
        services.add_labour_estimate(
            wo, actor=people["planner"], trade=factories.trade(site), **kwargs
        )
    assert bad.value.errors[0].field == field
    assert not wo.labour_estimates.exists()


def test_completion_records_findings_and_failure_coding(site, people):
    wo = _in(site, people, "IP")
    transition(
        wo,
        "CO",
        actor=people["technician"],
        findings="Seal faces scored; replaced seal, realigned coupling.",
        failure={"problem": "ELP", "cause": "MISA", "remedy": "REPL"},
    )
    wo.refresh_from_db()
    assert wo.status == "CO"
    codes = {
        c.characteristic.key: c.value.abbreviation
        for c in WorkOrderCode.objects.filter(work_order=wo)
    }
    assert codes == {"problem": "ELP", "cause": "MISA", "remedy": "REPL"}


def test_a_failure_code_from_the_wrong_list_is_refused_and_nothing_completes(site, people):
    wo = _in(site, people, "IP")
    with pytest.raises(ValidationFailed) as bad:
        transition(wo, "CO", actor=people["technician"], findings="Done", failure={"cause": "ELP"})
    assert (
        "'ELP' is not a value of WO – Cause (failure mechanism) (ELP is a value of WO – Problem"
        in (bad.value.errors[0].message)
    )
    assert WorkOrder.objects.get(pk=wo.pk).status == "IP"


def test_a_follow_up_is_initiated_by_work_order_and_linked_to_its_parent(site, people):
    wo = _in(site, people, "CO")
    follow_up = completion.raise_follow_up(
        wo,
        actor=people["technician"],
        title="Replace coupling guard",
        description="Guard cracked; found while replacing the seal.",
    )
    assert follow_up.parent == wo and follow_up.status == "WR"
    assert follow_up.initiated_by.abbreviation == "W"
    assert list(wo.follow_ups.all()) == [follow_up]


def test_closing_records_the_review_feedback_on_the_job_plan(site, people, seal_plan):
    wo = _in(site, people, "PL", approved_amount=Decimal(2000))
    services.apply_job_plan(
        wo, actor=people["planner"], job_plan=seal_plan, storeroom=factories.storeroom(site)
    )
    WorkOrder.objects.filter(pk=wo.pk).update(
        status="CO", completed_at=clock.now() - dt.timedelta(days=20)
    )
    transition(
        wo, "CL", actor=people["planner"], feedback="Add: check coupling alignment after the seal."
    )
    use = JobPlanUse.objects.get(work_order=wo)
    assert use.feedback == "Add: check coupling alignment after the seal."
    assert use.feedback_by == people["planner"]
    assert WorkOrder.objects.get(pk=wo.pk).status == "CL"


def test_closing_too_early_writes_no_feedback(site, people, seal_plan):
    wo = _in(site, people, "CO", completed_at=clock.now())
    with pytest.raises(Conflict, match="closing waits"):
        transition(wo, "CL", actor=people["planner"], feedback="x")
    assert not JobPlanUse.objects.exclude(feedback="").exists()
