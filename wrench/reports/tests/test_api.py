"""The reports router returns the same figures as the pages, as JSON."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
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
    assert {r["slug"] for r in api.list_reports(request, HttpResponse())} >= {
        "emergency",
        "kpis",
        "dashboard",
    }


@pytest.mark.parametrize(
    ("key", "day"), [("from", "0001-01-01"), ("to", "9999-12-31"), ("from", "1899-12-31")]
)
def test_a_period_at_the_ends_of_the_calendar_is_a_400_naming_the_field(site, people, key, day):
    with pytest.raises(ValidationFailed) as refused:
        call(people["manager"], "breakdown", **{key: day})
    assert [e.field for e in refused.value.errors] == [key]
    assert "out of range" in refused.value.errors[0].message


def test_every_report_answers_a_period_at_the_ends_of_the_calendar_over_http(
    live_server, people, transactional_db
):
    from wrench.reports import catalog
    from wrench.testing.http import ApiClient

    client = ApiClient(live_server.url, people["manager"])
    for slug in catalog.REPORTS:
        for query in ("from=0001-01-01", "to=9999-12-31", "from=0001-01-01&to=0001-01-01"):
            answer = client.get(f"/reports/{slug}?{query}")
            assert answer.status_code in (200, 400), (slug, query, answer.text[:300])
            assert answer.headers["Content-Type"].startswith("application/json")
