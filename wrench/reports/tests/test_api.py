"""The reports router returns the same figures as the pages, as JSON."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from wrench.core import clock
from wrench.core.errors import NotFound, ValidationFailed
from wrench.reports import api
from wrench.reports.tests.helpers import at, raised

pytestmark = pytest.mark.django_db


def call(user, slug, **query):
    request = RequestFactory().get(f"/api/v1/reports/{slug}", query)
    request.user = user
    with clock.travel_to(at("2026-03-09", 12)):
        return api.report(request, slug)


def test_breakdown_as_json(site, people):
    raised(site, people, at("2026-03-02"), estimated_hours=3)
    got = call(people["manager"], "breakdown", **{"from": "2026-03-01", "by": "urgency"})
    assert got["report"] == "breakdown"
    [row] = got["tables"]["breakdown"]
    assert row["urgency"].startswith("# – ")
    assert (row["count"], row["estimated_hours"], row["actual_hours"]) == (1, 3.0, 0.0)


def test_kpis_as_json_carry_formula_inputs_and_value(site, people):
    got = call(people["manager"], "kpis")
    planned = next(k for k in got["kpis"] if k["name"] == "Planned work %")
    assert planned["value"] is None and "÷" in planned["formula"] and planned["inputs"]


def test_unknown_report_and_bad_parameter_are_clear_errors(site, people):
    with pytest.raises(NotFound, match="reports: dashboard"):
        call(people["manager"], "nope")
    with pytest.raises(ValidationFailed):
        call(people["manager"], "backlog", hours_per_week="0")


def test_the_router_lists_every_report(site, people):
    request = RequestFactory().get("/api/v1/reports/")
    request.user = people["manager"]
    assert {r["slug"] for r in api.list_reports(request)} >= {"emergency", "kpis", "dashboard"}
