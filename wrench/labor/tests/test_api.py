"""Time charges over real HTTP: a technician charges hours, bad hours and closed work are
refused with JSON saying why, and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest

from wrench.core import clock
from wrench.labor.models import TimeCharge
from wrench.testing import factories
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ready(site, people):
    wo = factories.work_order(site, people["requester"])
    for to, who in (("BL", "supervisor"), ("RS", "planner")):
        wo = transition(wo, to, actor=people[who])
    factories.trade(site, "MECH", "95")
    return wo


def test_technician_charges_time_and_the_work_starts(api_as, people, ready):
    api = api_as(people["technician"])
    # when the technician charges 3.5 h of mechanical work today
    got = api.post(
        f"/work-orders/{ready.number}/time-charges", json={"hours": "3.5", "trade": "MECH"}
    )
    # then it is recorded, the work is in progress, and actual vs estimated shows it
    assert got.status_code == 201, got.text
    assert got.json()["hours"] == "3.50" or float(got.json()["hours"]) == 3.5
    assert got.json()["person"] == "technician"
    assert api.get(f"/work-orders/{ready.number}").json()["status"] == "IP"
    listed = api.get(f"/work-orders/{ready.number}/time-charges").json()
    assert [c["trade"] for c in listed] == ["MECH"]
    actuals = api.get(f"/work-orders/{ready.number}/labour-actuals").json()
    assert float(actuals["actual_hours"]) == 3.5
    assert actuals["by_trade"].keys() == {"MECH"}
    mine = api.get("/time-charges/mine").json()
    assert [c["work_order"] for c in mine] == [ready.number]


def test_bad_hours_and_dates_are_400_naming_the_field_and_nothing_is_written(api_as, people, ready):
    api = api_as(people["technician"])
    url = f"/work-orders/{ready.number}/time-charges"
    negative = api.post(url, json={"hours": -2, "trade": "MECH"})
    assert negative.status_code == 400
    assert negative.json()["errors"][0]["field"] == "hours"
    assert "above 0, at most 24" in negative.json()["errors"][0]["message"]
    tomorrow = (clock.now().date() + dt.timedelta(days=1)).isoformat()
    future = api.post(url, json={"hours": 2, "date": tomorrow, "trade": "MECH"})
    assert (future.status_code, future.json()["errors"][0]["field"]) == (400, "date")
    unknown = api.post(url, json={"hours": 2, "trade": "PLUMB"})
    assert (unknown.status_code, unknown.json()["errors"][0]["field"]) == (400, "trade")
    for_others = api.post(url, json={"hours": 2, "trade": "MECH", "person": "planner"})
    assert for_others.status_code == 403
    assert "supervisor or planner role" in for_others.json()["detail"]
    assert not TimeCharge.objects.exists()
    assert api.get(f"/work-orders/{ready.number}").json()["status"] == "RS"


def test_time_on_closed_work_is_409_and_other_sites_are_404(
    api_as, site, other_site, people, make_user
):
    wo = factories.work_order(site, people["requester"])
    transition(wo, "CA", actor=people["planner"], reason="duplicate")
    api = api_as(people["technician"])
    factories.trade(site, "MECH", "95")
    got = api.post(f"/work-orders/{wo.number}/time-charges", json={"hours": 1, "trade": "MECH"})
    assert got.status_code == 409
    assert got.json()["status"] == "CA"
    assert "time is charged to work in RS, SC, IP, CO" in got.json()["detail"]
    stranger = make_user("technician", other_site, username="south-tech")
    assert api_as(stranger).get(f"/work-orders/{wo.number}/time-charges").status_code == 404
    assert not TimeCharge.objects.exists()
