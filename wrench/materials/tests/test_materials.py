"""Materials: bad input is refused with nothing half-written; requisitions need authority."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wrench.core.errors import Conflict, NotAllowed, ValidationFailed
from wrench.materials import services
from wrench.materials.models import MaterialLine, Receipt, StockLevel
from wrench.testing import factories
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def backlog(site, people):
    wo = factories.work_order(site, people["requester"])
    transition(wo, "WA", actor=people["supervisor"])
    return transition(wo, "BL", actor=people["manager"])


@pytest.fixture
def ordered(backlog, people):
    services.add_material(
        backlog, actor=people["planner"], quantity=4, description="Gasket set", unit_cost=20
    )
    req = services.raise_requisition(backlog, actor=people["planner"])
    services.approve_requisition(req, actor=people["planner"])
    return req


@pytest.mark.parametrize("quantity", ["-1", "0", "1e9", "NaN", "abc", "Infinity"])
def test_negative_zero_or_absurd_quantities_are_refused(backlog, people, quantity):
    with pytest.raises(ValidationFailed) as bad:
        services.add_material(
            backlog, actor=people["planner"], quantity=quantity, description="Seal", unit_cost=1
        )
    assert bad.value.errors[0].field == "quantity"
    assert "must be above 0 and at most 100000" in bad.value.errors[0].message
    assert not MaterialLine.objects.exists()


def test_a_receipt_above_what_was_ordered_is_refused_and_nothing_is_written(ordered, people):
    line = ordered.lines.get()
    services.receive(line, actor=people["planner"], quantity=3)
    with pytest.raises(ValidationFailed) as bad:
        services.receive(line, actor=people["planner"], quantity=2)
    assert bad.value.errors[0].message == (
        "4 ordered, 3 received: at most 1 may still be received; got 2"
    )
    line.refresh_from_db()
    assert line.received == Decimal(3) and Receipt.objects.count() == 1
    assert line.material_line.received == Decimal(3)


def test_receiving_on_a_requisition_not_yet_approved_is_refused(backlog, people):
    services.add_material(backlog, actor=people["planner"], quantity=1, description="Seal")
    req = services.raise_requisition(backlog, actor=people["planner"])
    with pytest.raises(Conflict, match="only approved requisitions are received"):
        services.receive(req.lines.get(), actor=people["planner"], quantity=1)


def test_a_requisition_above_the_approved_amount_needs_an_approver_with_the_limit(backlog, people):
    services.add_material(
        backlog, actor=people["planner"], quantity=10, description="Liner plates", unit_cost=500
    )
    req = services.raise_requisition(backlog, actor=people["planner"])
    with pytest.raises(NotAllowed, match=r"totals 5000\.00, above your approval limit"):
        services.approve_requisition(req, actor=people["planner"])
    assert WorkOrder.objects.get(pk=backlog.pk).status == "BL"
    services.approve_requisition(req, actor=people["manager"])  # no limit
    assert WorkOrder.objects.get(pk=backlog.pk).status == "PL"


def test_only_the_first_approved_requisition_starts_planning(ordered, backlog, people):
    services.add_material(backlog, actor=people["planner"], quantity=1, description="Bolts")
    second = services.raise_requisition(backlog, actor=people["planner"])
    services.approve_requisition(second, actor=people["planner"])
    assert backlog.events.filter(to_status="PL").count() == 1


def test_technicians_cannot_raise_or_receive(ordered, backlog, people):
    with pytest.raises(NotAllowed, match="needs the planner role; you are technician"):
        services.add_material(backlog, actor=people["technician"], quantity=1, description="x")
    with pytest.raises(NotAllowed):
        services.receive(ordered.lines.get(), actor=people["technician"], quantity=1)


def test_stock_reservations_and_cancellation_release_them(site, backlog, people):
    store, item = factories.storeroom(site), factories.stock_item(site)
    services.count_stock(actor=people["planner"], stock_item=item, storeroom=store, on_hand=10)
    services.add_material(
        backlog, actor=people["planner"], quantity=3, stock_item=item, storeroom=store
    )
    level = StockLevel.objects.get()
    assert (level.on_hand, level.reserved) == (Decimal(10), Decimal(3))
    transition(backlog, "CA", actor=people["planner"], reason="Duplicate")
    level.refresh_from_db()
    assert (level.on_hand, level.reserved) == (Decimal(10), Decimal(0))


def test_material_cannot_be_added_to_closed_or_started_work(backlog, people):
    transition(backlog, "CA", actor=people["planner"], reason="Duplicate")
    with pytest.raises(Conflict, match="adding material is allowed in WR, WA, BL, PL, WL, WM"):
        services.add_material(backlog, actor=people["planner"], quantity=1, description="x")
