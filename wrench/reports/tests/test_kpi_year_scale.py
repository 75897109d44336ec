"""The KPI report's fast query shapes give the figures of the straight computation.

Over a year of a large plant the report reads the period's completed work from one
covering index, joins charges to it by key (instead of `charge.work_order IN (subquery)`),
lets the period's failures lead (EXISTS instead of `downtime.work_order IN (subquery)`)
and finds reopened work from a partial index of CO → IP events (instead of visiting every
event of every completed work order). The straight forms are written out below; both must
agree on a hand-made plant of two sites (the same trade code at each, work without a
trade, several charges per work order, reopened work) and on a synthetic one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, Sum

from wrench.assets.models import Downtime
from wrench.core import clock
from wrench.reports import kpis
from wrench.reports.scope import work_orders
from wrench.reports.table import hours, ratio_pct
from wrench.reports.tests.helpers import at, charged, completed, made_ready, raised
from wrench.testing import factories
from wrench.workorders.models import WorkOrder, WorkOrderEvent
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db
PERIODS = [
    (at("2026-03-02", 0), at("2026-03-09", 0)),
    (at("2026-03-04", 0), at("2026-03-05", 0)),
    (at("2025-01-01", 0), at("2027-01-01", 0)),
]


def straight_estimates(qs: Any, start: dt.datetime, end: dt.datetime) -> Any:
    done = qs.filter(completed_at__gte=start, completed_at__lt=end)
    est = {
        r["code"]: hours(r["h"])
        for r in done.values(code=F("trade__code")).annotate(h=Sum("estimated_hours")).order_by()
    }
    pks = list(done.values_list("pk", flat=True))
    act = {
        r["code"]: hours(r["h"])
        for r in WorkOrder.objects.filter(pk__in=pks)
        .values(code=F("trade__code"))
        .annotate(h=Sum("time_charges__hours"))
        .order_by()
        if r["h"] is not None
    }
    return done.count(), est, act


def straight_rework(qs: Any, start: dt.datetime, end: dt.datetime) -> dict[str, int]:
    reopened = Exists(
        WorkOrderEvent.objects.filter(
            work_order_id=OuterRef("pk"), from_status="CO", to_status="IP"
        )
    )
    counts = (
        qs.filter(completed_at__gte=start, completed_at__lt=end)
        .annotate(reopened=reopened)
        .aggregate(n=Count("id"), again=Count("id", filter=Q(reopened=True)))
    )
    return {"completed": counts["n"], "reopened": counts["again"]}


def straight_failures(qs: Any, start: dt.datetime, end: dt.datetime) -> list[tuple[Any, ...]]:
    duration = ExpressionWrapper(F("ended_at") - F("started_at"), output_field=DurationField())
    return [
        (r["asset__code"], r["n"], hours(r["down"]))
        for r in Downtime.objects.filter(
            work_order__in=list(qs.values_list("pk", flat=True)),
            started_at__gte=start,
            started_at__lt=end,
        )
        .values("asset__code")
        .annotate(n=Count("id"), down=Sum(duration))
        .order_by("asset__code")
    ]


def assert_same_figures(user: Any, queries: list[dict[str, str]]) -> int:
    seen = 0
    for query in queries:
        qs = work_orders(user, query)
        for start, end in PERIODS:
            n, est, act = straight_estimates(qs, start, end)
            formula, rows = kpis.estimate_accuracy(qs, start, end)
            e, a = sum(est.values()), sum(act.values())
            assert formula.inputs == {"work orders": n, "estimated hours": e, "charged hours": a}
            assert formula.value == ratio_pct(a, e)
            assert {r["trade"]: (r["estimated_hours"], r["actual_hours"]) for r in rows} == {
                code or "(no trade)": (est.get(code, 0.0), act.get(code, 0.0))
                for code in set(est) | set(act)
            }, (query, start, end)
            assert kpis.rework(qs, start, end).inputs == straight_rework(qs, start, end)
            _, assets = kpis.reliability(qs, start, end)
            assert [
                (r["asset"], r["failures"], r["downtime_hours"]) for r in assets
            ] == straight_failures(qs, start, end), (query, start, end)
            seen += n + len(assets)
    return seen


def failed(wo: Any, people: dict[str, Any], start: dt.datetime, length_h: int) -> None:
    asset: Any = wo.asset or factories.AssetFactory(site=wo.site, code=f"A-{wo.pk}")
    Downtime.objects.create(
        site=wo.site,
        asset=asset,
        work_order=wo,
        started_at=start,
        ended_at=start + dt.timedelta(hours=length_h),
        recorded_by=people["supervisor"],
        recorded_at=start,
    )


@pytest.fixture
def crew(site: Any, other_site: Any, people: dict[str, Any]) -> dict[str, Any]:
    mech = factories.trade(site, "MECH", "95")
    factories.trade(other_site, "MECH", "95")
    factories.trade(site, "ELEC", "90")
    people["technician"].trade = mech
    people["technician"].save()
    for user in people.values():
        user.sites.add(other_site)
    return people


def test_kpi_figures_of_the_fast_shapes_on_a_hand_made_plant(
    site: Any, other_site: Any, crew: dict[str, Any]
) -> None:
    # given work on both sites (MECH at each, ELEC, no trade), charged on several days,
    # completed on several days of the week of 2 March, one of each site reopened
    people = crew
    jobs = [
        raised(site, people, at("2026-03-02"), estimated_hours=5),
        raised(site, people, at("2026-03-02"), estimated_hours=3, trade="ELEC"),
        raised(site, people, at("2026-03-02"), estimated_hours=2, trade=None),
        raised(other_site, people, at("2026-03-02"), estimated_hours=7, urgency="E"),
        raised(other_site, people, at("2026-03-02"), estimated_hours=4),
        raised(site, people, at("2026-03-02"), estimated_hours=8),  # never completed
    ]
    for k, wo in enumerate(jobs):
        made_ready(wo, people, at("2026-03-02", 10))
        for day in ("2026-03-02", "2026-03-03"):
            charged(wo, people, day, str(k + 1))
    for k, wo in enumerate(jobs[:5]):
        jobs[k] = completed(wo, people, at(f"2026-03-0{3 + k % 3}", 15))
    for k in (0, 3):
        with clock.travel_to(at("2026-03-06", 8)):
            jobs[k] = transition(jobs[k], "IP", actor=people["supervisor"], reason="again")
        jobs[k] = completed(jobs[k], people, at("2026-03-06", 12))
    failed(jobs[0], people, at("2026-03-02", 6), 4)
    failed(jobs[3], people, at("2026-03-02", 7), 9)
    failed(jobs[5], people, at("2026-03-10", 7), 2)
    # when the KPIs are computed for each scope and period, then both shapes agree
    queries = [{}, {"site": site.code}, {"site": other_site.code}, {"urgency": "E"}]
    assert assert_same_figures(people["manager"], queries) > 0


def test_kpi_figures_of_the_fast_shapes_on_a_synthetic_plant(
    site: Any, other_site: Any, crew: dict[str, Any]
) -> None:
    # given a synthetic year with charges, failures and reopened work added to a spread of it
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
    done = WorkOrder.objects.filter(site=site, status__in=["CO", "CL"]).order_by("seq")
    assert done.count() > 20
    for wo in done.filter(status="CO")[::3]:
        charged(wo, people, "2026-03-01", "1.5")
        charged(wo, people, "2026-03-02", "2")
    for wo in done[1::5]:
        failed(wo, people, wo.requested_at, wo.seq % 7 + 1)
    for wo in WorkOrder.objects.filter(site=site, status="CO").order_by("seq")[::2]:
        assert wo.completed_at is not None
        with clock.travel_to(wo.completed_at + dt.timedelta(hours=1)):
            wo = transition(wo, "IP", actor=people["supervisor"], reason="again")
        completed(wo, people, wo.updated_at + dt.timedelta(hours=1))
    assert WorkOrderEvent.objects.filter(from_status="CO", to_status="IP").count() > 5
    assert Downtime.objects.count() > 5
    queries = [{}, {"site": site.code}, {"reason": "OP,RI"}, {"urgency": "E,U"}]
    assert assert_same_figures(people["manager"], queries) > 0
