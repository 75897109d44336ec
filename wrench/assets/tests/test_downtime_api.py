"""Downtime over real HTTP: a planner records and corrects a stop of P-101; reversed, future
and overlapping periods are refused with a message naming what is wrong, and nothing is
written; a requester may not record; another site's asset is 404."""

from __future__ import annotations

import datetime as dt

import pytest

from wrench.assets.models import Downtime
from wrench.core import clock
from wrench.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pump(site):
    return factories.AssetFactory(site=site, code="P-101", name="Slurry pump", criticality="A")


def _at(days_ago: float, hour: int = 8) -> str:
    day = clock.now() - dt.timedelta(days=days_ago)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0).isoformat()


def test_planner_records_lists_and_corrects_downtime(api_as, people, pump, site):
    api = api_as(people["planner"])
    wo = factories.work_order(site, people["requester"], asset="P-101")
    # when the planner records a stop of 4 hours tied to the repair
    made = api.post(
        "/assets/P-101/downtime",
        json={
            "start": _at(3, 8),
            "end": _at(3, 12),
            "reason": "seal failed",
            "work_order": wo.number,
        },
    )
    # then it is recorded as given
    assert made.status_code == 201, made.text
    body = made.json()
    assert set(body) >= {"id", "start", "end", "reason", "work_order", "hours"}
    assert (body["hours"], body["reason"], body["work_order"]) == (4.0, "seal failed", wo.number)
    assert body["recorded_by"] == "planner"
    # and the asset's reliability counts it
    asset = api.get("/assets/P-101").json()
    assert asset["reliability"]["failures"] == 1
    assert asset["reliability"]["mttr"] == 4.0
    assert asset["tree"] == [] and asset["criticality"] == "A"
    # when corrected to 3 hours without a work order
    fixed = api.put(
        f"/assets/P-101/downtime/{body['id']}",
        json={"start": _at(3, 9), "end": _at(3, 12)},
    )
    assert fixed.status_code == 200, fixed.text
    assert (fixed.json()["hours"], fixed.json()["work_order"]) == (3.0, None)
    listed = api.get("/assets/P-101/downtime").json()
    assert [row["hours"] for row in listed] == [3.0]
    # and the history keeps both versions, each with who made it
    history = Downtime.history.filter(id=body["id"]).order_by("history_date")
    assert [h.history_user.username for h in history] == ["planner", "planner"]


def test_reversed_future_and_overlapping_periods_are_refused(api_as, people, pump):
    api = api_as(people["supervisor"])
    url = "/assets/P-101/downtime"
    assert api.post(url, json={"start": _at(5, 8), "end": _at(5, 16)}).status_code == 201
    reversed_ = api.post(url, json={"start": _at(2, 12), "end": _at(2, 9)})
    assert reversed_.status_code == 400
    assert reversed_.json()["errors"][0]["field"] == "end"
    assert "must be after the start" in reversed_.json()["errors"][0]["message"]
    future = api.post(url, json={"start": _at(0.1, 0), "end": _at(-2, 9)})
    assert future.status_code == 400
    assert "future" in future.json()["errors"][0]["message"]
    overlap = api.post(url, json={"start": _at(5, 12), "end": _at(5, 20)})
    assert overlap.status_code == 400
    assert "already recorded down from" in overlap.json()["errors"][0]["message"]
    # then only the first period exists
    assert Downtime.objects.filter(asset=pump).count() == 1
    # a period touching the first one's end is not an overlap
    assert api.post(url, json={"start": _at(5, 16), "end": _at(5, 18)}).status_code == 201


def test_unknown_field_wrong_work_order_role_and_site(api_as, people, pump, other_site):
    url = "/assets/P-101/downtime"
    planner = api_as(people["planner"])
    typo = planner.post(url, json={"start": _at(3), "end": _at(2), "ends": "x"})
    assert typo.status_code == 400
    wrong = planner.post(url, json={"start": _at(3), "end": _at(2), "work_order": "NORTH-999999"})
    assert (wrong.status_code, wrong.json()["errors"][0]["field"]) == (400, "work_order")
    requester = api_as(people["requester"]).post(url, json={"start": _at(3), "end": _at(2)})
    assert requester.status_code == 403
    assert "supervisor, planner or technician" in requester.json()["detail"]
    factories.AssetFactory(site=other_site, code="P-900")
    assert planner.get("/assets/P-900/downtime").status_code == 404
    assert Downtime.objects.count() == 0


def test_asset_detail_shows_its_place_in_the_tree(api_as, people, site, pump):
    line = factories.AssetFactory(site=site, code="L-1", name="Line 1")
    pump.parent = line
    pump.save()
    factories.AssetFactory(site=site, code="M-101", name="Motor", parent=pump)
    got = api_as(people["requester"]).get("/assets/P-101").json()
    assert [a["code"] for a in got["tree"]] == ["L-1"]
    assert [a["code"] for a in got["children"]] == ["M-101"]
    assert got["work_orders"].startswith("/api/v1/work-orders?asset=P-101")
    assert got["reliability"]["mtbf"] is None
