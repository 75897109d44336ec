"""The dashboard's fast query shapes give the figures of the straight computation.

`labour.charges` with a period checks each charge of the period against the scope (EXISTS)
instead of listing the scope's work orders (IN); both must select the same charges, on a
hand-made plant of two sites and on a synthetic one with charges added.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Case, Count, Value, When
from django.db.models.functions import TruncWeek
from django.utils import timezone

from wrench.core import clock
from wrench.labor.models import TimeCharge
from wrench.reports import kpis, labour, periods
from wrench.reports.catalog import build
from wrench.reports.scope import work_orders
from wrench.reports.tests.helpers import at, charged, made_ready, raised
from wrench.testing import factories
from wrench.testing.factories import FULL_CODING
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import create_work_orders, transition, update_work_order

pytestmark = pytest.mark.django_db
PERIODS = [
    (dt.date(2026, 3, 2), dt.date(2026, 3, 9)),
    (None, dt.date(2026, 3, 5)),
    (dt.date(2026, 3, 4), None),
    (dt.date(2025, 1, 1), dt.date(2027, 1, 1)),
]


def straight(qs: Any, start: dt.date | None, end: dt.date | None) -> list[tuple[Any, ...]]:
    found = TimeCharge.objects.filter(work_order__in=list(qs.values_list("pk", flat=True)))
    if start:
        found = found.filter(date__gte=start)
    if end:
        found = found.filter(date__lt=end)
    return sorted(found.values_list("pk", "work_order_id", "date", "hours"))


def fast(qs: Any, start: dt.date | None, end: dt.date | None) -> list[tuple[Any, ...]]:
    found = labour.charges(qs, start, end)
    assert found is not None
    return sorted(found.values_list("pk", "work_order_id", "date", "hours"))


def assert_same_charges(user: Any, queries: list[dict[str, str]]) -> int:
    seen = 0
    for query in queries:
        qs = work_orders(user, query)
        for start, end in PERIODS:
            expected = straight(qs, start, end)
            assert fast(qs, start, end) == expected, (query, start, end)
            seen += len(expected)
    return seen


def assert_same_weekly_counts(user: Any, now: dt.datetime) -> None:
    qs = work_orders(user)
    em, ur = kpis.urgency_ids(qs)
    mondays, since = periods.last_weeks(12, at=now)
    kind = Case(When(urgency_id__in=em, then=Value("E")), default=Value("U"))
    grouped = (
        qs.filter(requested_at__gte=since, urgency_id__in=em + ur)
        .annotate(week=TruncWeek("requested_at"), kind=kind)
        .values("week", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    expected = {(kpis._day(r["week"]), r["kind"]): r["n"] for r in grouped}
    fast = kpis._raised_by_week(qs, mondays, {"E": em, "U": ur})
    assert sum(expected.values()) > 5
    assert {k: n for k, n in fast.items() if n} == expected


@pytest.fixture
def crew(site: Any, other_site: Any, people: dict[str, Any]) -> dict[str, Any]:
    mech = factories.trade(site, "MECH", "95")
    factories.trade(other_site, "MECH", "95")
    people["technician"].trade = mech
    people["technician"].save()
    for user in people.values():
        user.sites.add(other_site)
    return people


def test_charges_of_a_period_are_those_of_the_scope_on_a_hand_made_plant(
    site: Any, other_site: Any, crew: dict[str, Any]
) -> None:
    # given charges on both sites, on urgent and normal work, inside and outside a week
    people = crew
    jobs = [
        raised(site, people, at("2026-03-02"), urgency="U"),
        raised(site, people, at("2026-03-02")),
        raised(other_site, people, at("2026-03-03"), urgency="E"),
        raised(other_site, people, at("2026-03-03")),
    ]
    for wo in (jobs[0], jobs[1], jobs[3]):  # the emergency is charged from the request
        made_ready(wo, people, at("2026-03-03", 11))
    for k, wo in enumerate(jobs):
        for day in ("2026-03-01", "2026-03-04", "2026-03-09"):
            charged(wo, people, day, str(k + 1))
    # when the charges are read for each scope and period, then both shapes agree
    queries = [{}, {"site": site.code}, {"site": other_site.code}, {"urgency": "U,E"}]
    assert assert_same_charges(people["manager"], queries) > 0


def test_charges_and_dashboard_on_a_synthetic_plant(
    site: Any, other_site: Any, crew: dict[str, Any]
) -> None:
    # given a synthetic plant with charges on a spread of its work orders
    people = crew
    call_command(
        "synth",
        work_orders=300,
        assets=40,
        years=1,
        seed=13,
        site=site.code,
        until=dt.date(2026, 3, 9),
        stdout=None,
    )
    chargeable = WorkOrder.objects.filter(site=site, status__in=["RS", "SC", "IP", "CO"])
    assert chargeable.count() > 20
    for wo in chargeable.order_by("seq")[::3]:
        charged(wo, people, f"2026-03-0{wo.seq % 8 + 1}", "1.5")
    raised_elsewhere = raised(other_site, people, at("2026-03-03"), urgency="E")
    charged(raised_elsewhere, people, "2026-03-04", "7")
    queries = [{}, {"site": site.code}, {"reason": "OP,RI"}, {"urgency": "E,U"}]
    assert assert_same_charges(people["manager"], queries) > 0
    # and the one-pass E/U counts per week are those of a GROUP BY week, in any time zone
    for zone in ("UTC", "America/New_York", "Asia/Kolkata"):
        with timezone.override(zone):
            assert_same_weekly_counts(people["manager"], at("2026-03-09", 12))
    # and the dashboard builds from them (its figures are pinned in test_kpis)
    report = build("dashboard", people["manager"], {"site": site.code})
    assert len(report.table("trend").rows) == 12


def test_the_dashboard_follows_creates_coding_changes_bulk_creates_and_transitions(
    site: Any, other_site: Any, crew: dict[str, Any]
) -> None:
    # It reads the work order tables themselves (no summary to keep up to date): each
    # change through the services shows in the next build.
    people, now = crew, at("2026-03-09", 12)
    manager = people["manager"]

    def this_week() -> tuple[int, int, float]:
        with clock.travel_to(now):
            report = build("dashboard", manager, {"site": site.code})
        week = report.table("trend").rows[-1]
        backlog = next(f for f in report.formulas if f.name.startswith("Ready backlog"))
        return week["emergency"], week["urgent"], backlog.inputs["all backlog hours"]

    assert this_week() == (0, 0, 0.0)
    e = raised(site, people, at("2026-03-09", 8), urgency="E")
    assert this_week() == (1, 0, 0.0)
    with clock.travel_to(at("2026-03-09", 9)):
        update_work_order(e, actor=people["supervisor"], codes={"urgency": "U"})
    assert this_week() == (0, 1, 0.0)
    fields = {"title": "Guard missing", "description": "On the belt.", "estimated_hours": "3"}
    with clock.travel_to(at("2026-03-09", 10)):
        made = create_work_orders(
            actor=people["requester"],
            site=site,
            rows=[(fields, {**FULL_CODING, "urgency": "E"}) for _ in range(2)],
        )
    assert this_week() == (2, 1, 0.0)
    with clock.travel_to(at("2026-03-09", 11)):
        transition(made[0], "BL", actor=people["supervisor"])
    assert this_week() == (2, 1, 3.0)
