"""Backlog, shutdown, breakdowns, first detection, coding health and the emergency report
on hand-made data; expected figures worked out in the comments."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from wrench.core import clock
from wrench.core.errors import ValidationFailed
from wrench.notifications.models import Message
from wrench.planning.models import LabourEstimate
from wrench.reports.catalog import build
from wrench.reports.models import EmergencyReportRun, TradeCapacity
from wrench.reports.tests.helpers import at, made_ready, raised
from wrench.testing import factories
from wrench.workorders.services import transition, update_work_order

pytestmark = pytest.mark.django_db
NOW = at("2026-03-09", 12)


def report(slug, user, query=None):
    with clock.travel_to(NOW):
        return build(slug, user, query or {})


def test_backlog_in_crew_weeks_per_trade_and_age_profile(site, people):
    mech = factories.trade(site, "MECH")
    TradeCapacity.objects.create(site=site, trade=mech, people=1)  # 1 × 40 h = 40 h a week
    # given X in the backlog (BL), raised 10 days ago, estimated 28 h, no labour estimate,
    # and Y ready (RS), raised 2 days ago, planned as 2 mechanics × 10 h = 20 h
    x = raised(site, people, at("2026-02-27"), estimated_hours=28)
    with clock.travel_to(at("2026-02-27", 10)):
        transition(x, "BL", actor=people["supervisor"])
    y = raised(site, people, at("2026-03-07"))
    LabourEstimate.objects.create(site=site, work_order=y, trade=mech, people=2, hours_each=10)
    made_ready(y, people, at("2026-03-07", 10))
    # and a request still waiting review, which is not backlog
    raised(site, people, at("2026-03-08"), estimated_hours=100)
    got = report("backlog", people["manager"])
    # total = 28 + 20 = 48 h ÷ 40 h a week = 1.2 crew-weeks; ready = 20 ÷ 40 = 0.5
    assert got.table("by_trade").rows == [
        {
            "trade": "MECH",
            "backlog_hours": 48.0,
            "ready_hours": 20.0,
            "capacity": 40.0,
            "crew_weeks": 1.2,
            "ready_crew_weeks": 0.5,
        }
    ]
    ages = {a["age"]: a["count"] for a in got.table("age").rows}
    # X is 10 days old (8–30 days), Y 2 days old (0–7 days)
    assert ages == {
        "0–7 days": 1,
        "8–30 days": 1,
        "31–90 days": 0,
        "91–180 days": 0,
        "over 180 days": 0,
    }
    assert {r["number"] for r in got.table("list").rows} == {x.number, y.number}


def test_backlog_with_no_capacity_shows_no_crew_weeks_rather_than_dividing_by_zero(site, people):
    x = raised(site, people, at("2026-03-02"), estimated_hours=8)
    with clock.travel_to(at("2026-03-02", 10)):
        transition(x, "BL", actor=people["supervisor"])
    row = report("backlog", people["manager"]).table("by_trade").rows[0]
    assert (row["backlog_hours"], row["capacity"], row["crew_weeks"]) == (8.0, 0.0, None)


def test_shutdown_list_by_timing_with_material_readiness(site, people):
    # given a major-shutdown job ready (RS, no material lines → "no material"), an area
    # shutdown job waiting review, and a run job (R) that is not shutdown work
    m = raised(site, people, at("2026-03-02"), codes={"timing": "M"}, estimated_hours=12)
    made_ready(m, people, at("2026-03-02", 10))
    a = raised(site, people, at("2026-03-03"), codes={"timing": "A"}, estimated_hours=3)
    raised(site, people, at("2026-03-03"), estimated_hours=50)
    got = report("shutdown", people["manager"])
    summary = {r["timing"].split(" ")[0]: r for r in got.table("summary").rows}
    assert set(summary) == {"A", "M"}
    assert (summary["M"]["count"], summary["M"]["estimated_hours"]) == (1, 12.0)
    materials = {r["number"]: r["material"] for r in got.table("list").rows}
    assert materials == {m.number: "no material", a.number: "no material"}


def test_breakdown_by_one_characteristic_and_two_crossed_adds_up(site, people):
    # given 2 safety (SA) repairs and 1 safety inspection (IN), 2 h each
    for action in ("RE", "RE", "IN"):
        raised(
            site,
            people,
            at("2026-03-02"),
            codes={"reason": "SA", "action": action},
            estimated_hours=2,
        )
    q = {"from": "2026-03-01", "to": "2026-03-08"}
    one = report("breakdown", people["manager"], {**q, "by": "reason"}).tables[0].rows
    assert one == [
        {"reason": "SA – Safety", "count": 3, "estimated_hours": 6.0, "actual_hours": 0.0}
    ]
    two = (
        report("breakdown", people["manager"], {**q, "by": "reason", "cross": "action"})
        .tables[0]
        .rows
    )
    assert {(r["action"], r["count"]) for r in two} == {("IN – Inspection", 1), ("RE – Repair", 2)}
    with pytest.raises(ValidationFailed) as bad:
        report("breakdown", people["manager"], {"by": "colour"})
    assert "allowed: " in bad.value.errors[0].message and "reason" in bad.value.errors[0].message


def test_first_detection_lists_repeats_by_request_date(site, people):
    pump = factories.AssetFactory(site=site, code="P-9")
    # given the same repair on P-9 reported by vibration (V) on 2 March, then by an
    # operator (O) on 3 March, then a breakdown (U) on 4 March; and a lone job on another asset
    for day, who in (("2026-03-03", "O"), ("2026-03-02", "V"), ("2026-03-04", "U")):
        raised(site, people, at(day), asset=pump, codes={"initiated_by": who})
    raised(site, people, at("2026-03-02"), asset=factories.AssetFactory(site=site))
    got = report("detection", people["manager"], {"from": "2026-03-01", "to": "2026-03-08"})
    rows = got.table("detection").rows
    # then three rows, sorted by request date, and vibration analysis detected it first
    assert [(r["initiated_by"], r["first"]) for r in rows] == [("V", "yes"), ("O", ""), ("U", "")]
    assert {
        r["initiated_by"]: (r["first"], r["later"]) for r in got.table("by_initiator").rows
    } == {"O": (0, 1), "U": (0, 1), "V": (1, 0)}


def test_coding_health_counts_use_never_used_values_and_missing_required(site, people):
    # given one request coded with reason OP and one with no reason (reason is required
    # before approval, so a request still in WR does not count as missing)
    raised(site, people, at("2026-03-02"))
    bare = raised(site, people, at("2026-03-02"))
    update_work_order(bare, actor=people["supervisor"], codes={"reason": None})
    got = report("coding-health", people["manager"])
    summary = {r["characteristic"]: r for r in got.table("summary").rows}
    reason = summary["WO – Reason"]
    values = {
        r["abbreviation"]: r["uses"]
        for r in got.table("values").rows
        if r["characteristic"] == "WO – Reason"
    }
    assert values["OP"] == 1 and "SA" in reason["never_used_values"]
    assert reason["never_used"] == len(values) - 1


def test_emergency_report_and_daily_command_is_idempotent(site, people, make_user):
    make_user("manager", site, username="superintendent")
    # given an emergency raised 8 March and one raised 9 March
    e1 = raised(site, people, at("2026-03-08", 3), urgency="E")
    raised(site, people, at("2026-03-09", 1), urgency="E")
    got = report("emergency", people["manager"], {"from": "2026-03-08", "to": "2026-03-08"})
    assert [r["number"] for r in got.tables[0].rows] == [e1.number]
    out = io.StringIO()
    with clock.travel_to(NOW):
        call_command("emergency_report", stdout=out)  # yesterday = 8 March
        call_command("emergency_report", stdout=out)
    # then supervisor, manager and superintendent get one message each, once
    assert EmergencyReportRun.objects.count() == 1
    mails = Message.objects.filter(subject__startswith="Emergency report")
    assert sorted(m.recipient.username for m in mails) == [
        "manager",
        "superintendent",
        "supervisor",
    ]
    assert e1.number in mails[0].body
    assert "1 emergency work order(s)" in out.getvalue() and "already sent" in out.getvalue()


def test_an_early_emergency_report_leaves_nothing_out_of_the_next_one(site, people):
    # given an emergency at 03:00 and the report run early, at 10:00 the same day
    e1 = raised(site, people, at("2026-03-08", 3), urgency="E")
    out = io.StringIO()
    with clock.travel_to(at("2026-03-08", 10)):
        call_command("emergency_report", day="2026-03-08", stdout=out)
    # and an emergency raised that afternoon
    e2 = raised(site, people, at("2026-03-08", 15), urgency="E")
    # when the daily run comes the next morning (yesterday = 8 March), twice
    with clock.travel_to(NOW):
        call_command("emergency_report", stdout=out)
        call_command("emergency_report", stdout=out)
    # then the afternoon's emergency is in the second report, each in exactly one
    runs = list(EmergencyReportRun.objects.order_by("covered_from"))
    assert [(r.covered_from, r.covered_until, r.work_orders) for r in runs] == [
        (at("2026-03-08", 0), at("2026-03-08", 10), 1),
        (at("2026-03-08", 10), at("2026-03-09", 0), 1),
    ]
    bodies = [m.body for m in Message.objects.filter(recipient=people["supervisor"]).order_by("id")]
    assert len(bodies) == 2
    assert e1.number in bodies[0] and e2.number not in bodies[0]
    assert e2.number in bodies[1] and e1.number not in bodies[1]
    assert "already sent" in out.getvalue().splitlines()[-1]


def test_decimal_hours_are_not_lost_in_the_breakdown(site, people):
    raised(site, people, at("2026-03-02"), estimated_hours=Decimal("1.25"))
    got = report(
        "breakdown", people["manager"], {"from": "2026-03-01", "to": "2026-03-08", "by": "urgency"}
    )
    assert got.tables[0].rows[0]["estimated_hours"] == 1.25
