"""PM compliance (SMRP) and PM % of hours, worked out by hand on a small plant.

"Now" is Thursday 2026-04-02 12:00 UTC; the period is March 2026. Each plan raises its work
on its due date (raise_due, one plan at a time):
- A every 30 days, due 03-10, completed 03-14 (4 days late);
- B every 7 days: due 03-02, completed 03-03; due 03-09, never completed;
- C every 365 days, due 03-20, not completed;
- D every 14 days, due 03-25, cancelled;
- E every 10 days, due 03-05: skipped with a reason (no work);
- F every 30 days, due 02-27 (before the period), completed 03-01: not counted;
- G by meter only (every 500 h): the meter passes 500 h on 03-12, completed 03-13.

Grace +20 % of the interval, at most 28 days (the default): A deadline 03-16 on time;
B1 +1 day (7 × 0.2 = 1.4, rounded down) 03-03 on time; B2 03-10 missed; C +28 days
(73 capped) 04-17 pending; D cancelled; G first meter occurrence, no interval: no grace,
late. T: 2 on time ÷ 4 judged = 50 %; H: 0 ÷ 1 = 0 %; all 2 ÷ 5 = 40 %.
Grace +1 day: A late, B1 on time, B2 missed, C missed (03-21), D cancelled, G on time:
2 ÷ 6 = 33.3 %. Grace on the due date: nothing on time: 0 ÷ 6 = 0 %.
PM % of hours: 3 h on A and 2 h on G (PM) + 5 h on a breakdown = 5 ÷ 10 = 50 %.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wrench.core import clock
from wrench.labor.services import charge_time
from wrench.pm import meters, services
from wrench.pm.generate import raise_due
from wrench.reports.catalog import build
from wrench.reports.tests.helpers import at, made_ready, raised
from wrench.testing import factories
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db
NOW = at("2026-04-02", 12)
MARCH = {"from": "2026-03-01", "to": "2026-03-31"}


def _raise(plan: Any, day: str) -> WorkOrder:
    with clock.travel_to(at(day, 6)):
        number = raise_due(plan.pk, today=dt.date.fromisoformat(day))
    assert number, f"plan {plan.title} raised nothing on {day}"
    return WorkOrder.objects.get(number=number)


def _done(wo: Any, people: dict[str, Any], day: str, trade: Any, hours: str = "") -> None:
    with clock.travel_to(at(day, 8)):
        wo = transition(wo, "RS", actor=people["planner"])
        wo = transition(wo, "IP", actor=people["technician"])
        if hours:
            charge_time(wo, actor=people["technician"], hours=hours, date=day, trade=trade)
            wo = WorkOrder.objects.get(pk=wo.pk)
    with clock.travel_to(at(day, 15)):
        transition(wo, "CO", actor=people["technician"], findings="Done as planned.")


CODING = {"urgency": "#", "timing": "R", "reason": "OP", "action": "SE", "funding": "R"}


@pytest.fixture
def make_plan(site: Any, people: dict[str, Any]) -> Any:
    pump: Any = factories.AssetFactory(site=site, code="P-101")

    def make(**data: Any) -> Any:
        return services.create_plan(
            actor=people["planner"], site=site, asset=pump, coding=CODING, **data
        )

    return make


@pytest.fixture
def plant(site: Any, people: dict[str, Any], make_plan: Any) -> dict[str, Any]:
    mech = factories.trade(site, "MECH", "95")
    with clock.travel_to(at("2026-02-01")):
        plans = {
            "A": make_plan(title="A", interval_days=30, first_due=dt.date(2026, 3, 10)),
            "B": make_plan(title="B", interval_days=7, first_due=dt.date(2026, 3, 2)),
            "C": make_plan(title="C", interval_days=365, first_due=dt.date(2026, 3, 20)),
            "D": make_plan(title="D", interval_days=14, first_due=dt.date(2026, 3, 25)),
            "E": make_plan(title="E", interval_days=10, first_due=dt.date(2026, 3, 5)),
            "F": make_plan(title="F", interval_days=30, first_due=dt.date(2026, 2, 27)),
        }
        asset = plans["A"].asset
        meter = meters.create_meter(actor=people["planner"], asset=asset, name="Run", unit="h")
        meters.record_reading(meter, actor=people["planner"], value="0", at=at("2026-02-01"))
        plans["G"] = make_plan(title="G", meter=meter, meter_interval="500")
    f = _raise(plans["F"], "2026-02-27")
    _done(f, people, "2026-03-01", mech)
    b1 = _raise(plans["B"], "2026-03-02")
    _done(b1, people, "2026-03-03", mech)
    with clock.travel_to(at("2026-03-04")):
        services.skip_next(plans["E"], actor=people["supervisor"], reason="done in shutdown")
    _raise(plans["B"], "2026-03-09")
    a = _raise(plans["A"], "2026-03-10")
    _done(a, people, "2026-03-14", mech, hours="3")
    with clock.travel_to(at("2026-03-12", 7)):
        meters.record_reading(meter, actor=people["planner"], value="505", at=at("2026-03-12", 7))
    g = _raise(plans["G"], "2026-03-12")
    _done(g, people, "2026-03-13", mech, hours="2")
    _raise(plans["C"], "2026-03-20")
    d = _raise(plans["D"], "2026-03-25")
    with clock.travel_to(at("2026-03-26")):
        transition(d, "CA", actor=people["planner"], reason="pump replaced")
    fault = raised(site, people, at("2026-03-16"), codes={"initiated_by": "O"}, asset=asset)
    fault = made_ready(fault, people, at("2026-03-16", 10))
    with clock.travel_to(at("2026-03-17", 18)):
        charge_time(fault, actor=people["technician"], hours="5", date="2026-03-17", trade=mech)
    return plans


def _report(people: dict[str, Any], **query: str) -> Any:
    with clock.travel_to(NOW):
        return build("pm-compliance", people["planner"], {**MARCH, **query})


def test_pm_compliance_by_the_default_grace_worked_by_hand(plant, people):
    report = _report(people)
    rows = {r["trigger"]: r for r in report.table("triggers").rows}
    t, h, every = rows["Time (T)"], rows["Meter (H)"], rows["All PM"]
    assert (t["due"], t["on_time"], t["missed"], t["cancelled"], t["pending"]) == (5, 2, 1, 1, 1)
    assert (t["compliance"], h["due"], h["late"], h["compliance"]) == (50.0, 1, 1, 0.0)
    assert every["compliance"] == 40.0
    compliance, share = report.formulas
    assert compliance.value == 40.0
    assert compliance.inputs["due and judged"] == 5
    assert compliance.inputs["skipped with a reason"] == 1
    assert compliance.inputs["pending (deadline to come)"] == 1
    assert "20%" in compliance.inputs["grace"]
    assert (share.value, share.inputs) == (50.0, {"PM hours": 5.0, "all hours charged": 10.0})
    late = {(r["plan"], r["judged"]) for r in report.table("not-compliant").rows}
    assert late == {("B", "missed"), ("D", "cancelled"), ("G", "late")}


@pytest.mark.parametrize(("grace", "expected"), [("day", 33.3), ("due", 0.0), ("pct", 40.0)])
def test_each_grace_rule_judges_the_same_work_differently(plant, people, grace, expected):
    assert _report(people, grace=grace).formulas[0].value == expected


def test_a_one_day_grace_worked_by_hand(plant, people):
    late = {
        (r["plan"], r["judged"]) for r in _report(people, grace="day").table("not-compliant").rows
    }
    assert late == {("A", "late"), ("B", "missed"), ("C", "missed"), ("D", "cancelled")}
