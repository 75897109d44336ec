"""A code value a work order uses, now or in its history, is never deleted (coding's rule,
seen from the work orders that hold the value)."""

from __future__ import annotations

import pytest
from django.db.models.deletion import ProtectedError

from wrench.coding.models import CodeValue
from wrench.coding.services import add_characteristic, add_value, delete_value
from wrench.core.errors import Conflict
from wrench.testing import factories
from wrench.workorders.services import update_work_order

pytestmark = pytest.mark.django_db


def test_a_value_any_work_order_uses_can_never_be_deleted(site, people):
    wo = factories.work_order(site, people["supervisor"], codes={"reason": "EN"})
    environment = wo.reason
    with pytest.raises(Conflict, match=r"used by work orders .* deactivate it instead"):
        delete_value(value=environment)
    with pytest.raises(ProtectedError):
        environment.delete()
    # and once used, even after the work order moved to another value
    update_work_order(wo, actor=people["supervisor"], codes={"reason": "SA"})
    with pytest.raises(Conflict):
        delete_value(value=environment)
    assert CodeValue.objects.filter(pk=environment.pk).exists()


def test_a_value_of_an_added_characteristic_once_used_is_never_deleted(site, people):
    # given a characteristic an admin added, and a work order that held one of its values
    shift = add_characteristic(site=site, key="shift", name="WO – Shift", described="Shift")
    night = add_value(characteristic=shift, abbreviation="N", value="Night", definition="18-06")
    add_value(characteristic=shift, abbreviation="D", value="Day", definition="06-18")
    wo = factories.work_order(site, people["supervisor"], codes={"shift": "N"})
    update_work_order(wo, actor=people["supervisor"], codes={"shift": "D"})
    # when an admin deletes the value no work order holds any more
    with pytest.raises(Conflict, match=r"used by work order codes \(now or in their history\)"):
        delete_value(value=night)
    # then it is still there
    assert CodeValue.objects.filter(pk=night.pk).exists()
