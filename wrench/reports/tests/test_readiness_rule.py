"""The readiness rule exists once: the lifecycle's → RS guard and the reports' material state
read the same definition, and agree on hand-made cases (first come, first served)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wrench.materials import services
from wrench.materials.models import MaterialLine, StockLevel
from wrench.materials.readiness import outstanding
from wrench.reports.readiness import NONE, READY, WAITING, material_state
from wrench.testing import factories
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(site, people):
    """make() → approved work in planning (approved 100,000, so no material re-approves it)."""

    def make():
        wo = factories.work_order(site, people["requester"])
        transition(wo, "WA", actor=people["supervisor"])
        transition(wo, "BL", actor=people["manager"], approved_amount=Decimal(100000))
        return transition(wo, "PL", actor=people["planner"])

    return make


def _state(wo):
    return WorkOrder.objects.annotate(m=material_state()).get(pk=wo.pk).m


def _on_hand(item, room, quantity):
    StockLevel.objects.update_or_create(
        stock_item=item, storeroom=room, defaults={"site_id": item.site_id, "on_hand": quantity}
    )


def _reserve(wo, people, item, room, quantity):
    return services.add_material(
        wo, actor=people["planner"], quantity=quantity, stock_item=item, storeroom=room
    )


def _agree(wo, expected):
    """The guard's sentences, the report's state and the expectation all say the same."""
    problems = outstanding(wo.pk)
    state = _state(wo)
    assert state == expected
    assert bool(problems) == (state == WAITING), problems
    return problems


def test_no_material_is_ready_and_reported_as_none(site, people, planned):
    assert _agree(planned(), NONE) == []


def test_a_direct_purchase_is_outstanding_until_fully_received(site, people, planned):
    wo = planned()
    line = services.add_material(
        wo, actor=people["planner"], quantity=2, description="Seal kit", unit_cost=50
    )
    assert _agree(wo, WAITING) == ["2 EA Seal kit (direct purchase) not received"]
    MaterialLine.objects.filter(pk=line.pk).update(received=1)
    assert _agree(wo, WAITING) == ["1 EA Seal kit (direct purchase) not received"]
    MaterialLine.objects.filter(pk=line.pk).update(received=2)
    assert _agree(wo, READY) == []


def test_a_reservation_is_covered_by_what_the_storeroom_holds(site, people, planned):
    room, item = factories.storeroom(site), factories.stock_item(site)
    wo = planned()
    _reserve(wo, people, item, room, 3)
    assert _agree(wo, WAITING)  # no stock level row at all: nothing on hand
    _on_hand(item, room, 2)
    assert _agree(wo, WAITING) == [f"3 EA {item.name} reserved at MAIN, 2 on hand for it"]
    _on_hand(item, room, 3)
    assert _agree(wo, READY) == []


def test_earlier_reservations_are_served_first(site, people, planned):
    # Given 5 on hand and two work orders reserving 3 each, the first one is covered and the
    # second is short: 2 are left for it (the report used to call both ready).
    room, item = factories.storeroom(site), factories.stock_item(site)
    first, second = planned(), planned()
    _reserve(first, people, item, room, 3)
    _reserve(second, people, item, room, 3)
    _on_hand(item, room, 5)
    assert _agree(first, READY) == []
    assert _agree(second, WAITING) == [f"3 EA {item.name} reserved at MAIN, 2 on hand for it"]
    # When the first is cancelled its reservation is released, and the second is covered.
    transition(first, "CA", actor=people["planner"], reason="not needed")
    assert _agree(second, READY) == []


def test_the_guard_refuses_ready_and_the_report_says_waiting_for_the_same_work(
    site, people, planned
):
    room, item = factories.storeroom(site), factories.stock_item(site)
    first, second = planned(), planned()
    for wo in (first, second):
        _reserve(wo, people, item, room, 3)
    _on_hand(item, room, 4)
    transition(first, "RS", actor=people["planner"])
    with pytest.raises(Exception, match="material outstanding: 3 EA"):
        transition(second, "RS", actor=people["planner"])
    assert (_state(first), _state(second)) == (READY, WAITING)
