"""A work order sent for approval over the API: the answer is what a GET shows, the approval
is routed (approvals) and the approver is told (notifications), in the same transition."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from wrench.approvals.models import Approval
from wrench.coding.services import add_characteristic, add_value
from wrench.core import clock
from wrench.notifications.models import Message
from wrench.testing import factories
from wrench.workorders.tests.test_api_writes import BODIES

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def plant(site):
    """A pump under warranty and a characteristic an admin added (shift), as BODIES use."""
    factories.AssetFactory(
        site=site, code="P-101", warranty_end=clock.now().date() + dt.timedelta(days=30)
    )
    shift = add_characteristic(site=site, key="shift", name="WO – Shift", described="Shift")
    add_value(characteristic=shift, abbreviation="N", value="Night", definition="18:00–06:00")
    return site


def test_a_transition_to_approval_answers_like_a_get_and_routes_it(api_as, people, plant):
    supervisor = api_as(people["supervisor"])
    body = {**BODIES["everything"], "urgency": "#", "estimated_cost": "9000"}
    number = supervisor.post("/work-orders", json=body).json()["number"]
    moved = supervisor.post(f"/work-orders/{number}/transition", json={"to": "WA"})
    assert moved.status_code == 200, moved.text
    assert moved.json() == supervisor.get(f"/work-orders/{number}").json()
    approval = Approval.objects.get(work_order__number=number)
    assert (approval.amount, approval.decided_at) == (Decimal("9000.00"), None)
    told = Message.objects.filter(work_order__number=number).values_list("recipient__username")
    assert list(told) == [("manager",)]
