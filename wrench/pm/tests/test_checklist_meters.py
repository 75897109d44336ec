"""A checklist reading that feeds a meter: the round records the pump's running hours
through pm's service, so a reading the meter refuses refuses the check's result too."""

from __future__ import annotations

import pytest

from wrench.core.errors import ValidationFailed
from wrench.planning import checklists
from wrench.planning import services as planning
from wrench.planning.models import ChecklistItem
from wrench.pm.meters import create_meter
from wrench.pm.models import MeterReading
from wrench.testing import factories
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db


def test_a_reading_check_records_the_assets_meter_and_a_backwards_one_is_refused(
    site, people, pump
):
    meter = create_meter(actor=people["planner"], asset=pump, name="Running hours", unit="h")
    plan = planning.create_job_plan(
        actor=people["planner"],
        site=site,
        code="ROUND",
        name="Operator round",
        tasks=[],
        checks=[
            {"text": "Hour meter", "kind": "reading", "unit": "h", "meter_name": "Running hours"},
            {"text": "Vibration", "kind": "reading", "high": 4.5, "unit": "mm/s"},
        ],
        inspection_kind="O",
    )
    wo = factories.work_order(site, people["requester"], asset=pump)
    wo = transition(wo, "BL", actor=people["supervisor"])
    planning.apply_job_plan(wo, actor=people["planner"], job_plan=plan)
    wo = transition(wo, "RS", actor=people["planner"])
    wo = transition(wo, "IP", actor=people["technician"])
    items = ChecklistItem.objects.filter(work_order=wo)
    assert [(i.number, i.meter_id) for i in items] == [(1, meter.pk), (2, None)]

    tech = people["technician"]
    checklists.record_result(wo, actor=tech, number=1, result=None, value="1200")
    assert list(MeterReading.objects.values_list("value", "entered_by")) == [(1200, tech.pk)]
    # recording the same value again adds no reading; a value below the last is refused
    checklists.record_result(wo, actor=tech, number=1, result="pass", value="1200")
    with pytest.raises(ValidationFailed) as refused:
        checklists.record_result(wo, actor=tech, number=1, result=None, value="1100")
    assert refused.value.errors[0].field == "value"
    assert MeterReading.objects.count() == 1
    assert ChecklistItem.objects.get(work_order=wo, number=1).value == 1200
    # a check without a meter feeds none
    checklists.record_result(wo, actor=tech, number=2, result=None, value="2")
    assert MeterReading.objects.count() == 1


def test_only_a_reading_may_feed_a_meter(site, people):
    with pytest.raises(ValidationFailed) as bad:
        planning.create_job_plan(
            actor=people["planner"],
            site=site,
            code="X",
            name="X",
            tasks=[],
            checks=[{"text": "Guard", "meter_name": "Running hours"}],
        )
    assert "only a reading can feed a meter" in bad.value.errors[0].message
