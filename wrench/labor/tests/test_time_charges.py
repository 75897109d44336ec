"""Time charges: the first starts the work; bad hours and closed work are refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from wrench.core import clock
from wrench.core.errors import Conflict, NotAllowed, ValidationFailed
from wrench.labor.models import TimeCharge
from wrench.labor.services import actual_vs_estimated, charge_time
from wrench.testing import factories
from wrench.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db


def _in(site, people, status, **codes):
    wo = factories.work_order(site, people["requester"], codes=codes, estimated_hours=6)
    WorkOrder.objects.filter(pk=wo.pk).update(status=status)
    wo.refresh_from_db()
    return wo


@pytest.mark.parametrize("status", ["RS", "SC"])
def test_first_labour_charged_starts_the_work(site, people, status):
    wo = _in(site, people, status)
    mech = factories.trade(site)
    charge_time(wo, actor=people["technician"], hours=2, trade=mech)
    wo.refresh_from_db()
    event = wo.events.last()
    assert (wo.status, event.automatic, event.actor) == ("IP", True, None)
    assert event.reason.startswith("first labour charged: 2 h MECH by technician on ")


def test_an_emergency_request_starts_with_its_first_hours(site, people):
    wo = _in(site, people, "WR", urgency="E")
    charge_time(wo, actor=people["technician"], hours=1, trade=factories.trade(site))
    assert WorkOrder.objects.get(pk=wo.pk).status == "IP"


@pytest.mark.parametrize("status", ["CL", "CA", "RJ", "BL", "WR"])
def test_time_on_closed_cancelled_or_unreleased_work_is_refused(site, people, status):
    wo = _in(site, people, status)
    with pytest.raises(Conflict) as refused:
        charge_time(wo, actor=people["technician"], hours=1, trade=factories.trade(site))
    assert f"time cannot be charged to {wo.number}: it is {status}" in refused.value.detail
    assert "time is charged to work in RS, SC, IP, CO" in refused.value.detail
    assert not TimeCharge.objects.exists()


@pytest.mark.parametrize("hours", ["-2", "0", "25", "1.001", "lots"])
def test_negative_or_absurd_hours_are_refused(site, people, hours):
    wo = _in(site, people, "IP")
    with pytest.raises(ValidationFailed) as bad:
        charge_time(wo, actor=people["technician"], hours=hours, trade=factories.trade(site))
    assert bad.value.errors[0].field == "hours"
    assert not TimeCharge.objects.exists()


def test_no_one_works_more_than_24_hours_a_day(site, people):
    wo = _in(site, people, "IP")
    mech = factories.trade(site)
    charge_time(wo, actor=people["technician"], hours=20, trade=mech)
    with pytest.raises(ValidationFailed, match="technician would have 25"):
        charge_time(wo, actor=people["technician"], hours=5, trade=mech)


def test_future_dates_are_refused(site, people):
    wo = _in(site, people, "IP")
    tomorrow = clock.now().date() + dt.timedelta(days=1)
    with pytest.raises(ValidationFailed):
        charge_time(
            wo, actor=people["technician"], hours=1, date=tomorrow, trade=factories.trade(site)
        )


def test_technicians_charge_their_own_time_supervisors_enter_others(site, people):
    wo = _in(site, people, "IP")
    mech = factories.trade(site)
    with pytest.raises(NotAllowed, match="entering time for supervisor needs"):
        charge_time(
            wo, actor=people["technician"], person=people["supervisor"], hours=1, trade=mech
        )
    charge_time(wo, actor=people["supervisor"], person=people["technician"], hours=1, trade=mech)
    with pytest.raises(NotAllowed, match="charging time needs the technician role"):
        charge_time(wo, actor=people["requester"], hours=1, trade=mech)


def test_actual_versus_estimated_hours(site, people):
    wo = _in(site, people, "IP")
    charge_time(wo, actor=people["technician"], hours="4.5", trade=factories.trade(site))
    charge_time(wo, actor=people["supervisor"], hours=3, trade=factories.trade(site, "ELEC", "105"))
    actuals = actual_vs_estimated(WorkOrder.objects.get(pk=wo.pk))
    assert actuals.actual_hours == Decimal("7.5")
    assert actuals.variance_hours == Decimal("1.5")
    assert actuals.by_trade == {"ELEC": Decimal(3), "MECH": Decimal("4.5")}
