"""Each KPI on a small hand-made plant; the expected figure is worked out in the comments.

"Now" is Monday 2026-03-09 12:00 UTC. Weeks start on Monday: the week of 2 March runs
Mon 2 – Sun 8 March, the week of 9 March starts Mon 9 March.
"""

from __future__ import annotations

import datetime as dt

import pytest

from wrench.assets.models import Downtime
from wrench.core import clock
from wrench.reports import kpis
from wrench.reports.catalog import build
from wrench.reports.scope import work_orders
from wrench.reports.tests.helpers import at, charged, completed, made_ready, raised
from wrench.testing import factories
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db
NOW = at("2026-03-09", 12)
WEEK = {"from": "2026-03-02", "to": "2026-03-08"}


@pytest.fixture
def crew(site, people):
    """The technician is a mechanic; MECH exists at the site."""
    mech = factories.trade(site, "MECH", "95")
    people["technician"].trade = mech
    people["technician"].save()
    return people


def figures(report):
    return {f.name: f for f in report.formulas}


def kpi_report(user, query):
    with clock.travel_to(NOW):
        return build("kpis", user, query)


def test_no_data_gives_no_figures_rather_than_zero_or_a_crash(site, people):
    # given a site without any work orders; when the manager opens the KPIs
    report = kpi_report(people["manager"], WEEK)
    f = figures(report)
    # then every ratio says "no data" (None): 0 hours ÷ 0 hours is not 0 %
    assert f["Planned work %"].value is None
    assert f["Reactive work %"].value is None
    assert f["MTTR (all assets)"].value is None and f["Rework %"].value is None
    assert f["Estimated versus actual hours"].value is None
    # and the urgent table still has its 12 weeks, each with nothing in it
    weeks = report.table("urgent").rows
    assert len(weeks) == 12 and all(w["emergency"] == w["urgent"] == 0 for w in weeks)
    assert weeks[-1]["week"] == dt.date(2026, 3, 2)  # the week holding 8 March (the period end)


def test_planned_and_reactive_percent_from_hours_charged(site, crew):
    people = crew
    # given three jobs in the week of 2 March:
    #   A normal urgency, made ready (RS) first, 6 h charged Tue 3 March → planned
    #   B urgent (U), made ready (RS) first, 2 h charged Wed 4 March   → planned and reactive
    #   C emergency (E), started from the request, 4 h charged Thu 5 March → reactive only
    a = raised(site, people, at("2026-03-02"))
    b = raised(site, people, at("2026-03-02"), urgency="U")
    c = raised(site, people, at("2026-03-05", 7), urgency="E")
    made_ready(a, people, at("2026-03-02", 10))
    made_ready(b, people, at("2026-03-02", 11))
    charged(a, people, "2026-03-03", "6")
    charged(b, people, "2026-03-04", "2")
    charged(c, people, "2026-03-05", "4")
    # and 5 h on A on Mon 9 March, outside the period, which must not count
    charged(a, people, "2026-03-09", "5")
    f = figures(kpi_report(people["manager"], WEEK))
    # total = 6 + 2 + 4 = 12 h; planned = A + B = 8 h → 8 / 12 = 66.7 %
    assert f["Planned work %"].inputs == {"planned hours": 8.0, "all hours": 12.0}
    assert f["Planned work %"].value == 66.7
    # reactive = B + C = 2 + 4 = 6 h → 6 / 12 = 50.0 %
    assert f["Reactive work %"].value == 50.0
    # each pair adds up to 100 %: planned 66.7 + unplanned 33.3, reactive 50 + proactive 50
    # (B is both planned and reactive, so planned + reactive is 116.7 %: not a pair)
    assert f["Unplanned work %"].value == 33.3
    assert f["Proactive work %"].value == 50.0
    assert f["Planned work %"].value + f["Unplanned work %"].value == 100.0


def test_urgent_work_counted_in_the_week_raised_and_hours_in_the_week_charged(site, crew):
    people = crew
    # given an emergency raised Sunday 8 March 23:30 (last minutes of the week of 2 March)
    # whose 3 h are charged on Monday 9 March (the next week), and an urgent job raised
    # Tuesday 3 March, made ready, with 1.5 h charged on Wednesday 4 March
    e = raised(site, people, at("2026-03-08", 23, 30), urgency="E")
    charged(e, people, "2026-03-09", "3")
    u = raised(site, people, at("2026-03-03"), urgency="U")
    made_ready(u, people, at("2026-03-03", 10))
    charged(u, people, "2026-03-04", "1.5")
    with clock.travel_to(NOW):
        scoped = work_orders(people["manager"])
        weeks = {w["week"]: w for w in kpis.urgent_weekly(scoped, at=NOW)}
    before, after = weeks[dt.date(2026, 3, 2)], weeks[dt.date(2026, 3, 9)]
    # week of 2 March: 1 E raised (Sunday), 1 U raised; hours: U 1.5, E 0 (charged Monday)
    assert (before["emergency"], before["urgent"]) == (1, 1)
    assert (before["emergency_hours"], before["urgent_hours"]) == (0.0, 1.5)
    # week of 9 March: nothing raised, but the emergency's 3 h are charged there
    assert (after["emergency"], after["urgent"], after["emergency_hours"]) == (0, 0, 3.0)


def test_mttr_and_mtbf_per_asset_with_one_failure_and_with_two(site, people):
    p1 = factories.AssetFactory(site=site, code="P-1")
    p2 = factories.AssetFactory(site=site, code="P-2")
    # given the period 1–10 March: 10 days = 240 h
    #   P-1: one failure, down 6 h               → MTTR 6 h, MTBF (240 − 6) / 1 = 234 h
    #   P-2: two failures, down 2 h and 4 h      → MTTR 6 / 2 = 3 h, MTBF (240 − 6) / 2 = 117 h
    #   all: 12 h over 3 failures                 → MTTR 4 h
    for asset, start, length in [
        (p1, at("2026-03-02", 8), 6),
        (p2, at("2026-03-03", 8), 2),
        (p2, at("2026-03-06", 8), 4),
    ]:
        wo = raised(site, people, start, urgency="E", asset=asset)
        Downtime.objects.create(
            site=site,
            asset=asset,
            work_order=wo,
            started_at=start,
            ended_at=start + dt.timedelta(hours=length),
            recorded_by=people["supervisor"],
            recorded_at=NOW,
        )
    # and a failure on P-1 starting 11 March, after the period, which must not count
    late = raised(site, people, at("2026-03-09", 8), urgency="E", asset=p1)
    Downtime.objects.create(
        site=site,
        asset=p1,
        work_order=late,
        started_at=at("2026-03-11"),
        ended_at=at("2026-03-11", 12),
        recorded_by=people["supervisor"],
        recorded_at=NOW,
    )
    report = kpi_report(people["manager"], {"from": "2026-03-01", "to": "2026-03-10"})
    rows = {r["asset"]: r for r in report.table("reliability").rows}
    assert (rows["P-1"]["failures"], rows["P-1"]["mttr"], rows["P-1"]["mtbf"]) == (1, 6.0, 234.0)
    assert (rows["P-2"]["failures"], rows["P-2"]["mttr"], rows["P-2"]["mtbf"]) == (2, 3.0, 117.0)
    assert figures(report)["MTTR (all assets)"].value == 4.0


def test_estimated_versus_actual_hours_and_rework(site, crew):
    people = crew
    # given two mechanic jobs estimated 5 h and 10 h, both completed in the week of 2 March:
    #   A: 6 h charged; B: 9 h charged, reopened once (CO → IP) and completed again
    a = raised(site, people, at("2026-03-02"), estimated_hours=5)
    b = raised(site, people, at("2026-03-02"), estimated_hours=10)
    for wo in (a, b):
        made_ready(wo, people, at("2026-03-02", 10))
    charged(a, people, "2026-03-03", "6")
    charged(b, people, "2026-03-03", "9")
    completed(a, people, at("2026-03-04"))
    b = completed(b, people, at("2026-03-04"))
    with clock.travel_to(at("2026-03-05")):
        b = transition(b, "IP", actor=people["supervisor"], reason="leaks again")
    completed(b, people, at("2026-03-06"))
    report = kpi_report(people["manager"], WEEK)
    f = figures(report)
    # accuracy = charged ÷ estimated = (6 + 9) / (5 + 10) = 15 / 15 = 100.0 %
    assert f["Estimated versus actual hours"].inputs["estimated hours"] == 15.0
    assert f["Estimated versus actual hours"].value == 100.0
    assert report.table("estimates").rows == [
        {"trade": "MECH", "estimated_hours": 15.0, "actual_hours": 15.0, "accuracy": 100.0}
    ]
    # rework = reopened ÷ completed = 1 / 2 = 50.0 %
    assert f["Rework %"].inputs == {"completed": 2, "reopened": 1} and f["Rework %"].value == 50.0
