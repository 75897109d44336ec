"""Bulk create: all rows or none, every bad row named, numbers in order."""

from __future__ import annotations

import pytest

from wrench.testing import factories
from wrench.workorders.models import WorkOrder, WorkOrderEvent

pytestmark = pytest.mark.django_db(transaction=True)


def _row(i, **extra):
    return {
        "title": f"Request {i}",
        "description": "Found on the round",
        "urgency": "#",
        "reason": "SA",
        **extra,
    }


def test_a_valid_batch_is_created_in_order(api_as, site, people):
    factories.AssetFactory(site=site, code="P-7")
    factories.work_order(site, people["requester"])  # NORTH-000001 exists already
    rows = [_row(i, asset="P-7") for i in range(30)]
    answer = api_as(people["requester"]).post("/work-orders/bulk", json={"rows": rows})
    assert answer.status_code == 201, answer.text
    numbers = [c["number"] for c in answer.json()["created"]]
    assert numbers == [f"NORTH-{n:06d}" for n in range(2, 32)]
    assert WorkOrder.objects.count() == 31
    assert WorkOrderEvent.objects.filter(to_status="WR").count() == 31
    assert WorkOrder.history.count() == 31
    made = WorkOrder.objects.get(number="NORTH-000031")
    assert (made.title, made.asset.code, made.reason.abbreviation) == ("Request 29", "P-7", "SA")


def test_any_bad_row_creates_nothing_and_every_bad_row_is_named(api_as, people):
    rows = [_row(0), _row(1, reason="XX"), _row(2), _row(3, asset="NOPE"), _row(4)]
    answer = api_as(people["requester"]).post("/work-orders/bulk", json={"rows": rows})
    assert answer.status_code == 400
    body = answer.json()
    assert [r["index"] for r in body["rows"]] == [1, 3]
    assert body["rows"][0]["errors"][0]["field"] == "reason"
    assert body["rows"][1]["errors"][0]["field"] == "asset"
    assert WorkOrder.objects.count() == 0


def test_more_than_a_thousand_rows_is_refused(api_as, people):
    answer = api_as(people["requester"]).post(
        "/work-orders/bulk", json={"rows": [_row(i) for i in range(1001)]}
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "rows"


def test_a_bulk_row_is_written_as_a_single_create_writes_it(api_as, site, people):
    """Same answer, history row, event and extra coding (with its history) as one create."""
    from wrench.coding.services import add_characteristic, add_value
    from wrench.workorders.models import WorkOrderCode

    factories.AssetFactory(site=site, code="P-7")
    shift = add_characteristic(site=site, key="shift", name="WO – Shift", described="Shift")
    add_value(characteristic=shift, abbreviation="N", value="Night", definition="18:00–06:00")
    row = _row(
        0,
        asset="P-7",
        trade="MECH",
        assigned_to="technician",
        needed_by="2030-01-31",
        estimated_cost="800",
        consequence=3,
        probability=4,
        codes={"shift": "N"},
    )
    client = api_as(people["supervisor"])
    single = client.post("/work-orders", json=row).json()["number"]
    assert client.post("/work-orders/bulk", json={"rows": [row, row]}).status_code == 201
    bulk = WorkOrder.objects.order_by("seq").last().number
    moments = ("requested_at", "status_changed_at")

    def answer(number):
        return {
            k: v for k, v in client.get(f"/work-orders/{number}").json().items() if k not in moments
        }

    assert answer(bulk) == {**answer(single), "number": bulk}
    history_skip = {"history_id", "id", "seq", "number", "history_date", "created_at", *moments}

    def history(number):
        row = WorkOrder.history.filter(number=number).values().get()
        return {k: v for k, v in row.items() if k not in history_skip}

    assert history(bulk) == history(single)
    event_skip = {"id", "work_order_id", "at"}

    def event(number):
        row = WorkOrderEvent.objects.filter(work_order__number=number).values().get()
        return {k: v for k, v in row.items() if k not in event_skip}

    assert event(bulk) == event(single)
    for number in (single, bulk):
        code = WorkOrderCode.objects.get(work_order__number=number)
        assert code.value.abbreviation == "N"
        assert code.history.count() == 1
