"""Entering a request: a number at once, coding checked, nothing half-written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from wrench.assets.models import Site
from wrench.coding.services import add_characteristic, add_value
from wrench.core.errors import NotAllowed, ValidationFailed
from wrench.testing import factories
from wrench.workorders.models import WorkOrder, WorkOrderCode, WorkOrderEvent
from wrench.workorders.services import create_work_order, update_work_order

pytestmark = pytest.mark.django_db


def _errors(caught: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, str]:
    return {e.field: e.message for e in caught.value.errors}


def test_a_request_gets_its_number_at_once_and_numbers_follow_per_site(
    site, other_site, people, make_user
):
    first = factories.work_order(site, people["requester"])
    second = factories.work_order(site, people["requester"])
    south = factories.work_order(
        other_site, make_user("requester", other_site, username="south_op")
    )
    assert (first.number, second.number, south.number) == (
        "NORTH-000001",
        "NORTH-000002",
        "SOUTH-000001",
    )
    assert first.status == "WR"
    event = WorkOrderEvent.objects.get(work_order=first)
    assert (event.from_status, event.to_status, event.actor) == ("", "WR", people["requester"])


def test_only_urgency_is_asked_of_a_requester_the_rest_takes_defaults(site, people):
    wo = create_work_order(
        actor=people["requester"],
        site=site,
        title="Conveyor belt torn",
        description="Torn near the splice",
        codes={"urgency": "U"},
    )
    assert (wo.urgency.abbreviation, wo.funding.abbreviation, wo.initiated_by.abbreviation) == (
        "U",
        "R",
        "U",
    )
    assert wo.reason is None and wo.timing is None and wo.action is None


def test_missing_urgency_title_and_description_are_all_reported(site, people):
    with pytest.raises(ValidationFailed) as caught:
        create_work_order(actor=people["requester"], site=site, title="", description="", codes={})
    errors = _errors(caught)
    assert set(errors) == {"title", "description", "urgency"}
    assert "WO – Urgency is required when the request is entered" in errors["urgency"]
    assert "E (Emergency)" in errors["urgency"]


def test_a_wrong_value_is_rejected_and_nothing_is_written(site, people):
    before = (WorkOrder.objects.count(), WorkOrderEvent.objects.count())
    with pytest.raises(ValidationFailed) as caught:
        factories.work_order(site, people["supervisor"], codes={"urgency": "SA", "timing": "X"})
    errors = _errors(caught)
    assert "SA is a value of WO – Reason" in errors["urgency"]
    assert "allowed: R (" in errors["timing"]
    assert (WorkOrder.objects.count(), WorkOrderEvent.objects.count()) == before
    site.refresh_from_db()
    assert site.last_work_order_seq == 0  # no number was used up


def test_an_unknown_asset_or_another_sites_asset_is_rejected(site, other_site, people):
    foreign = factories.AssetFactory(site=other_site, code="P-900")
    for asset in ("NOPE-1", foreign):
        with pytest.raises(ValidationFailed) as caught:
            factories.work_order(site, people["supervisor"], asset=asset)
        assert "no asset" in _errors(caught)["asset"]


def test_unknown_fields_are_refused_by_name(site, people):
    with pytest.raises(ValidationFailed, match="unknown field"):
        factories.work_order(site, people["supervisor"], status="CL")


def test_a_person_of_another_site_cannot_raise_work_there(site, other_site, make_user):
    outsider = make_user("requester", other_site, username="outsider")
    with pytest.raises(NotAllowed):
        factories.work_order(site, outsider)


def test_emergency_is_marked_for_the_emergency_report(site, people):
    wo = factories.work_order(site, people["technician"], codes={"urgency": "E"})
    assert wo.emergency is True
    assert factories.work_order(site, people["technician"]).emergency is False


def test_capital_funding_needs_a_project_number(site, people):
    with pytest.raises(ValidationFailed) as caught:
        factories.work_order(site, people["planner"], codes={"funding": "C"})
    assert "needs a project number" in _errors(caught)["project_number"]
    wo = factories.work_order(
        site, people["planner"], codes={"funding": "C"}, project_number="CAP-2026-014"
    )
    assert wo.project_number == "CAP-2026-014"


def test_warranty_funding_or_an_asset_under_warranty_flags_the_work_order(site, people):
    assert factories.work_order(site, people["planner"], codes={"funding": "W"}).warranty_flag
    pump = factories.AssetFactory(site=site, warranty_end=dt.date.today() + dt.timedelta(days=30))
    assert factories.work_order(site, people["planner"], asset=pump).warranty_flag
    old = factories.AssetFactory(site=site, warranty_end=dt.date.today() - dt.timedelta(days=1))
    assert not factories.work_order(site, people["planner"], asset=old).warranty_flag


def test_priority_comes_from_the_site_matrix_or_is_entered(site, people):
    site.priority_matrix = [[row * 10 + col for col in range(1, 6)] for row in range(1, 6)]
    site.save()
    wo = factories.work_order(
        Site.objects.get(pk=site.pk), people["planner"], consequence=4, probability=2
    )
    assert wo.priority == 42
    assert factories.work_order(site, people["planner"], priority=7).priority == 7
    with pytest.raises(ValidationFailed) as caught:
        factories.work_order(site, people["planner"], consequence=6, priority="high")
    assert set(_errors(caught)) == {"consequence", "priority"}


def test_negative_or_absurd_estimates_are_refused(site, people):
    with pytest.raises(ValidationFailed) as caught:
        factories.work_order(site, people["planner"], estimated_cost="-5", estimated_hours="lots")
    assert set(_errors(caught)) == {"estimated_cost", "estimated_hours"}


def test_an_added_characteristic_holds_one_value_per_work_order(site, people):
    shift = add_characteristic(
        site=site, key="shift", name="WO – Shift", described="Shift that found it"
    )
    add_value(characteristic=shift, abbreviation="D", value="Day", definition="06:00 to 18:00")
    add_value(characteristic=shift, abbreviation="N", value="Night", definition="18:00 to 06:00")
    wo = factories.work_order(site, people["supervisor"], codes={"shift": "N"})
    update_work_order(wo, actor=people["supervisor"], codes={"shift": "D"})
    codes = WorkOrderCode.objects.filter(work_order=wo)
    assert [c.value.abbreviation for c in codes] == ["D"]
    with pytest.raises(ValidationFailed, match="shift"):
        update_work_order(wo, actor=people["supervisor"], codes={"shift": "OP"})


def test_a_requester_edits_only_the_text_of_their_own_waiting_request(site, people):
    wo = factories.work_order(site, people["requester"])
    update_work_order(wo, actor=people["requester"], description="Now leaking faster")
    with pytest.raises(NotAllowed, match="supervisor or planner"):
        update_work_order(wo, actor=people["requester"], codes={"urgency": "E"})
    update_work_order(
        wo, actor=people["planner"], estimated_cost=Decimal("900"), needed_by="2026-12-01"
    )
    wo.refresh_from_db()
    assert wo.needed_by == dt.date(2026, 12, 1)
