"""Materials over real HTTP: a planner plans material and raises a requisition, approves it,
the storeman (planner role) receives it; bad receipts are 400 and nothing is written."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wrench.materials.models import Receipt, StockLevel
from wrench.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def approved(site, people):
    return factories.approved_work_order(site, people, asset=factories.AssetFactory(site=site))


def test_planner_buys_material_and_the_storeman_receives_it(
    api_as, site, people, make_user, approved
):
    planner = api_as(people["planner"])
    storeman = api_as(make_user("planner", site, username="storeman"))
    store, bearing = factories.storeroom(site), factories.stock_item(site, unit_cost="85")
    number = approved.number
    # the planner reserves a bearing and adds a direct purchase
    got = planner.post(
        f"/work-orders/{number}/materials",
        json={"quantity": 1, "stock_item": bearing.code, "storeroom": store.code},
    )
    assert got.status_code == 201, got.text
    got = planner.post(
        f"/work-orders/{number}/materials",
        json={"quantity": 2, "description": "Seal kit 50 mm", "unit_cost": "150"},
    )
    lines = got.json()["lines"]
    assert [(ln["kind"], float(ln["quantity"])) for ln in lines] == [("stock", 1), ("direct", 2)]
    assert lines[0]["on_hand"] in ("0", "0.000") or float(lines[0]["on_hand"]) == 0
    assert len(got.json()["outstanding"]) == 2
    # a count puts two bearings on hand; the requisition buys the seal kits
    count = storeman.post(
        "/stock-counts", json={"stock_item": bearing.code, "storeroom": store.code, "on_hand": 2}
    )
    assert count.status_code == 201, count.text
    raised = planner.post(f"/work-orders/{number}/requisitions", json={"note": "urgent"})
    assert raised.status_code == 201, raised.text
    req = raised.json()
    assert (req["status"], req["work_order"], Decimal(req["total"])) == ("open", number, 300)
    assert [r["number"] for r in planner.get("/requisitions?status=open").json()] == [req["number"]]
    approved_req = planner.post(f"/requisitions/{req['number']}/approve")
    assert approved_req.json()["status"] == "approved"
    assert planner.get(f"/work-orders/{number}").json()["status"] == "PL"
    finished = planner.post(f"/work-orders/{number}/finish-planning")
    assert finished.json()["status"] == "WM"
    # the storeman receives more than ordered: refused, nothing written
    line = req["lines"][0]["id"]
    url = f"/requisitions/{req['number']}/lines/{line}/receipts"
    too_many = storeman.post(url, json={"quantity": 3})
    assert too_many.status_code == 400
    assert too_many.json()["errors"] == [
        {
            "field": "quantity",
            "message": "2 ordered, 0 received: at most 2 may still be received; got 3",
        }
    ]
    assert not Receipt.objects.exists()
    # then the real delivery makes the work ready by itself
    got = storeman.post(url, json={"quantity": 2})
    assert got.status_code == 201, got.text
    assert float(got.json()["line_outstanding"]) == 0
    assert planner.get(f"/work-orders/{number}").json()["status"] == "RS"
    items = planner.get("/stock-items").json()
    assert items[0]["levels"] == [{"storeroom": "MAIN", "on_hand": "2.000", "reserved": "1.000"}]


def test_requisition_rules_over_http(api_as, site, other_site, people, make_user, approved):
    planner, technician = api_as(people["planner"]), api_as(people["technician"])
    store, bearing = factories.storeroom(site), factories.stock_item(site, unit_cost="85")
    number = approved.number
    negative = planner.post(
        f"/work-orders/{number}/materials", json={"quantity": -1, "description": "Gasket"}
    )
    assert (negative.status_code, negative.json()["errors"][0]["field"]) == (400, "quantity")
    nothing = planner.post(f"/work-orders/{number}/requisitions", json={})
    assert nothing.status_code == 409
    assert "no direct purchase left" in nothing.json()["detail"]
    assert (
        technician.post(
            f"/work-orders/{number}/materials", json={"quantity": 1, "description": "Gasket"}
        ).json()["detail"]
        == "adding material needs the planner role; you are technician"
    )
    # a stock requisition above the planner's own limit (0) waits for a manager
    stock = planner.post(
        "/requisitions",
        json={"storeroom": store.code, "items": [{"stock_item": bearing.code, "quantity": 10}]},
    )
    assert stock.status_code == 201, stock.text
    pr = stock.json()["number"]
    refused = planner.post(f"/requisitions/{pr}/approve")
    assert refused.status_code == 403
    assert "above your approval limit" in refused.json()["detail"]
    no_reason = planner.post(f"/requisitions/{pr}/reject", json={"reason": " "})
    assert (no_reason.status_code, no_reason.json()["errors"][0]["field"]) == (400, "reason")
    assert api_as(people["manager"]).post(f"/requisitions/{pr}/approve").status_code == 200
    again = planner.post(f"/requisitions/{pr}/approve")
    assert again.status_code == 409
    stranger = api_as(make_user("planner", other_site, username="south-planner"))
    assert stranger.get(f"/requisitions/{pr}").status_code == 404
    assert stranger.get("/stock-items").json() == []
    assert not StockLevel.objects.filter(on_hand__gt=0).exists()
