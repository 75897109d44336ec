"""PM compliance and the site's grace rule over real HTTP."""

from __future__ import annotations

import datetime as dt

import pytest

from wrench.pm.generate import raise_due
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_admin_sets_the_grace_and_the_report_judges_by_it(api_as, site, people, make_plan):
    today = dt.date.today()
    plan = make_plan(interval_days=30, first_due=today - dt.timedelta(days=3))
    wo = WorkOrder.objects.get(number=raise_due(plan.pk, today=today))
    wo = transition(wo, "RS", actor=people["planner"])
    wo = transition(wo, "IP", actor=people["technician"])
    transition(wo, "CO", actor=people["technician"], findings="Greased.")  # 3 days late
    admin, planner = api_as(people["admin"]), api_as(people["planner"])
    period = {"from": (today - dt.timedelta(days=7)).isoformat(), "to": today.isoformat()}

    assert planner.get("/pm-settings").json()["compliance_grace"] == "pct"
    got = planner.get("/reports/pm-compliance", params=period).json()
    compliance = got["kpis"][0]
    assert (compliance["name"], compliance["value"]) == ("PM compliance", 100.0)  # 30 × 20 % = 6
    assert "deadline" in compliance["formula"] and compliance["inputs"]["due and judged"] == 1

    refused = planner.patch("/pm-settings", json={"compliance_grace": "day"})
    assert refused.status_code == 403 and "admin" in refused.json()["detail"]
    bad = admin.patch("/pm-settings", json={"compliance_grace": "week"})
    assert bad.status_code == 400 and "'week' is not a grace rule" in bad.text
    changed = admin.patch("/pm-settings", json={"compliance_grace": "day"})
    assert changed.status_code == 200 and changed.json()["compliance_grace"] == "day"

    got = planner.get("/reports/pm-compliance", params=period).json()
    assert got["kpis"][0]["value"] == 0.0
    assert got["tables"]["not-compliant"][0]["number"] == wo.number
    asked = planner.get("/reports/pm-compliance", params={**period, "grace": "pct"}).json()
    assert asked["kpis"][0]["value"] == 100.0
    wrong = planner.get("/reports/pm-compliance", params={**period, "grace": "soon"})
    assert wrong.status_code == 400 and "use due" in wrong.text
