"""The inspection programmes report and PM yield on a small hand-made plant.

"Now" is Monday 2026-03-09 12:00 UTC; the period is the week 2–8 March. MECH costs 95 an
hour. Worked out by hand:
- operator rounds (O): two rounds done (2 h + 1 h = 3 h, 285.00); the first round's failed
  check raised one request, but a vibration request on the same asset and action came a day
  earlier, so O found 1, first 0; yield 1 ÷ 2 = 50 %;
- vibration (V): one route done (3 h, 285.00); the request raised by hand, initiated V, is
  found 1, first 1; yield 100 %;
- PM by time (T): one PM done on another asset (4 h, 380.00), with one follow-up raised
  from it by hand (W): found 1, first 1; yield 100 %;
- an unscheduled request (U) and the rounds themselves are not findings.
PM yield = 3 found ÷ 4 done = 75 %.
"""

from __future__ import annotations

import pytest

from wrench.core import clock
from wrench.planning import checklists, completion
from wrench.planning import services as planning
from wrench.reports.catalog import build
from wrench.reports.tests.helpers import at, charged, completed, raised
from wrench.testing import factories
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db
NOW = at("2026-03-09", 12)
WEEK = {"from": "2026-03-02", "to": "2026-03-08"}


def started(site, people, when, plan=None, asset=None):
    asset = asset or people["asset"]
    wo = raised(site, people, when, codes={"initiated_by": "T"}, asset=asset)
    with clock.travel_to(when):
        wo = transition(wo, "BL", actor=people["supervisor"])
        if plan is not None:
            planning.apply_job_plan(wo, actor=people["planner"], job_plan=plan)
        wo = transition(wo, "RS", actor=people["planner"])
        return transition(wo, "IP", actor=people["technician"])


def test_each_programme_priced_with_what_it_found_first(site, people):
    factories.trade(site, "MECH", "95")
    people["asset"] = factories.AssetFactory(site=site)
    plans = {
        kind: planning.create_job_plan(
            actor=people["planner"],
            site=site,
            code=f"ROUTE-{kind}",
            name=f"Route {kind}",
            tasks=[],
            checks=[{"text": "Guard in place"}],
            inspection_kind=kind,
        )
        for kind in ("O", "V")
    }
    round1 = started(site, people, at("2026-03-03", 8), plans["O"])
    with clock.travel_to(at("2026-03-03", 10)):
        item = checklists.record_result(
            round1, actor=people["technician"], number=1, result="fail", note="Guard loose"
        )
    found_o = item.follow_up
    WorkOrder.objects.filter(pk=found_o.pk).update(action=round1.action)  # coded on review
    raised(site, people, at("2026-03-02", 9), codes={"initiated_by": "V"}, asset=people["asset"])
    charged(round1, people, "2026-03-03", "2")
    completed(round1, people, at("2026-03-04", 9))
    round2 = started(site, people, at("2026-03-05", 8), plans["O"])
    charged(round2, people, "2026-03-05", "1")
    completed(round2, people, at("2026-03-05", 12))
    route = started(site, people, at("2026-03-04", 8), plans["V"])
    charged(route, people, "2026-03-04", "3")
    completed(route, people, at("2026-03-04", 15))
    pm = started(site, people, at("2026-03-06", 8), asset=factories.AssetFactory(site=site))
    charged(pm, people, "2026-03-06", "4")
    with clock.travel_to(at("2026-03-06", 12)):
        completion.raise_follow_up(
            pm, actor=people["technician"], title="Belt worn", description="Replace belt"
        )
    completed(pm, people, at("2026-03-06", 14))
    raised(site, people, at("2026-03-06", 9), codes={"initiated_by": "U"})

    with clock.travel_to(NOW):
        report = build("inspection-programmes", people["manager"], WEEK)
    rows = {r["programme"]: r for r in report.table("programmes").rows}
    assert set(rows) == {"O", "V", "T"}
    got = {
        code: (
            r["inspections"],
            r["spent_hours"],
            str(r["spent_cost"]),
            r["found"],
            r["first"],
            r["yield_pct"],
        )
        for code, r in rows.items()
    }
    assert got == {
        "O": (2, 3.0, "285.00", 1, 0, 50.0),
        "V": (1, 3.0, "285.00", 1, 1, 100.0),
        "T": (1, 4.0, "380.00", 1, 1, 100.0),
    }
    assert str(rows["O"]["cost_per_find"]) == "285.00"
    pm_yield = report.formulas[0]
    assert (pm_yield.name, pm_yield.value) == ("PM yield", 75.0)
    assert pm_yield.inputs == {"corrective work found": 3, "PM and inspection work done": 4}
    with clock.travel_to(NOW):
        kpis = build("kpis", people["manager"], WEEK)
    assert {f.name: f.value for f in kpis.formulas}["PM yield"] == 75.0


def test_no_inspections_gives_no_yield_rather_than_zero(site, people):
    with clock.travel_to(NOW):
        report = build("inspection-programmes", people["manager"], WEEK)
    assert report.table("programmes").rows == []
    assert report.formulas[0].value is None
