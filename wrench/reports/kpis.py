"""SMRP-style KPIs, each computed in SQL and shown with its formula and inputs.

Definitions (see docs/reports.md):
- planned work % = hours charged to planned work ÷ all hours charged × 100, where planned
  work is work made ready to schedule (it reached RS) before it started (SMRP 5.3.1);
  unplanned % = 100 − planned % (SMRP 5.3.2).
- reactive % = hours charged to emergency + urgent work ÷ all hours charged × 100 (SMRP
  5.4.1); proactive % = 100 − reactive % (SMRP 5.4.2, see docs/reports.md).
- urgent work: per week, emergency (E) and urgent (U) work orders raised, and the hours
  charged to them in that week (a charge counts in the week of its date).
- estimate accuracy = Σ charged hours ÷ Σ estimated hours × 100, over work physically
  completed in the period.
- MTTR = Σ downtime ÷ failures; MTBF = (period hours − Σ downtime) ÷ failures, per asset,
  over failures (downtime records) starting in the period.
- rework % = work completed in the period that was ever reopened (CO → IP) ÷ work
  completed in the period × 100.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncWeek
from django.utils import timezone

from wrench.assets.models import Downtime
from wrench.assets.reliability import DURATION, mttr_mtbf
from wrench.coding.models import CodeValue, EffectKey
from wrench.reports import labour, periods
from wrench.reports.table import Formula, hours, ratio_pct
from wrench.workorders.models import WorkOrder, WorkOrderEvent
from wrench.workorders.status import Status


def urgency_ids(qs: QuerySet[WorkOrder]) -> tuple[list[int], list[int]]:
    """Ids of urgency values with the emergency-report effect, and with the urgent-KPI one."""
    values = CodeValue.objects.filter(characteristic__key="urgency").values_list(
        "id", "effect_keys"
    )
    em = [pk for pk, keys in values if EffectKey.EMERGENCY_REPORT in (keys or [])]
    ur = [pk for pk, keys in values if EffectKey.URGENT_KPI in (keys or []) and pk not in em]
    return em, ur


def _day(value: Any) -> dt.date:
    return timezone.localtime(value).date() if isinstance(value, dt.datetime) else value


def _dates(start: dt.datetime, end: dt.datetime) -> tuple[dt.date, dt.date]:
    """The charge dates [first, last] of a half-open datetime period."""
    return _day(start), _day(end - dt.timedelta(microseconds=1))


def _reached_rs() -> Exists:
    return Exists(
        WorkOrderEvent.objects.filter(work_order_id=OuterRef("work_order_id"), to_status=Status.RS)
    )


def hour_split(
    qs: QuerySet[WorkOrder], start: dt.datetime, end: dt.datetime, *, weekly: bool = False
) -> list[dict[str, Any]]:
    """Σ charged hours in the period: total, planned, reactive (per week when `weekly`)."""
    first, last = _dates(start, end)
    found = labour.charges(qs, first, last + dt.timedelta(days=1))
    if found is None:
        return []
    em, ur = urgency_ids(qs)
    found = found.annotate(planned=_reached_rs())
    sums = {
        "total": Sum("hours"),
        "planned_h": Sum("hours", filter=Q(planned=True)),
        "reactive": Sum("hours", filter=Q(work_order__urgency_id__in=em + ur)),
    }
    if weekly:
        return list(found.values(week=TruncWeek("date")).annotate(**sums).order_by("week"))
    return [found.aggregate(**sums)]


def planned_and_reactive(
    qs: QuerySet[WorkOrder], start: dt.datetime, end: dt.datetime
) -> list[Formula]:
    """Two complementary pairs of the same hours: planned + unplanned = 100 % and
    reactive + proactive = 100 %. The pairs are not complements of each other: urgent work
    that was planned before it started is both planned and reactive."""
    split = (hour_split(qs, start, end) or [{}])[0]
    total, planned, reactive = (hours(split.get(k)) for k in ("total", "planned_h", "reactive"))
    return [
        Formula(
            "Planned work %",
            "hours charged to planned work (reached RS before starting) ÷ all hours charged × 100",
            {"planned hours": planned, "all hours": total},
            ratio_pct(planned, total),
            "%",
            "SMRP 5.3.1; unplanned work (5.3.2) is the rest of the same hours.",
        ),
        Formula(
            "Unplanned work %",
            "hours charged to work not planned before it started ÷ all hours charged × 100 "
            "(= 100 − planned)",
            {"unplanned hours": round(total - planned, 2), "all hours": total},
            ratio_pct(total - planned, total),
            "%",
        ),
        Formula(
            "Reactive work %",
            "hours charged to emergency + urgent work ÷ all hours charged × 100",
            {"emergency + urgent hours": reactive, "all hours": total},
            ratio_pct(reactive, total),
            "%",
            "SMRP 5.4.1 counts the work that breaks into the weekly schedule; here E and U work.",
        ),
        Formula(
            "Proactive work %",
            "hours charged to all other work ÷ all hours charged × 100 (= 100 − reactive)",
            {"other hours": round(total - reactive, 2), "all hours": total},
            ratio_pct(total - reactive, total),
            "%",
            "SMRP 5.4.2 counts preventive, predictive and the corrective work they find; "
            "here every hour that is not reactive.",
        ),
    ]


def urgent_weekly(
    qs: QuerySet[WorkOrder], *, at: dt.datetime, weeks: int = 12
) -> list[dict[str, Any]]:
    """Per week (Monday), E and U work orders raised and hours charged to them."""
    mondays, _ = periods.last_weeks(weeks, at=at)
    em, ur = urgency_ids(qs)
    counts = _raised_by_week(qs, mondays, {"E": em, "U": ur})
    charged: dict[tuple[dt.date, str], float] = {}
    found = labour.charges(
        qs.filter(urgency_id__in=em + ur), mondays[0], mondays[-1] + dt.timedelta(days=7)
    )
    if found is not None:
        kind_c = Case(
            When(work_order__urgency_id__in=em, then=Value("E")),
            default=Value("U"),
            output_field=CharField(),
        )
        for r in (
            found.values(week=TruncWeek("date"), kind=kind_c).annotate(h=Sum("hours")).order_by()
        ):
            charged[(_day(r["week"]), r["kind"])] = hours(r["h"])
    return [
        {
            "week": monday,
            "emergency": counts.get((monday, "E"), 0),
            "urgent": counts.get((monday, "U"), 0),
            "emergency_hours": charged.get((monday, "E"), 0.0),
            "urgent_hours": charged.get((monday, "U"), 0.0),
        }
        for monday in mondays
    ]


def _raised_by_week(
    qs: QuerySet[WorkOrder], mondays: list[dt.date], kinds: dict[str, list[int]]
) -> dict[tuple[dt.date, str], int]:
    """(Monday, kind) → work orders raised that week with an urgency of that kind, in one
    pass: a filtered count per week and kind between local midnights, the same weeks as
    TruncWeek in the current time zone, without a per-row function call."""
    edges = [periods.start_of_day(m) for m in mondays]
    edges.append(periods.start_of_day(mondays[-1] + dt.timedelta(days=7)))
    counts = {
        f"{kind}{k}": Count(
            "id",
            filter=Q(requested_at__gte=edges[k], requested_at__lt=edges[k + 1], urgency_id__in=ids),
        )
        for k in range(len(mondays))
        for kind, ids in kinds.items()
        if ids
    }
    if not counts:
        return {}
    every = [pk for ids in kinds.values() for pk in ids]
    found = qs.filter(
        requested_at__gte=edges[0], requested_at__lt=edges[-1], urgency_id__in=every
    ).aggregate(**counts)
    return {
        (m, kind): found.get(f"{kind}{k}") or 0 for k, m in enumerate(mondays) for kind in kinds
    }


def estimate_accuracy(
    qs: QuerySet[WorkOrder], start: dt.datetime, end: dt.datetime
) -> tuple[Formula, list[dict[str, Any]]]:
    done = qs.filter(completed_at__gte=start, completed_at__lt=end)
    # One pass over the period's completed work, from the (site, completed_at, trade,
    # estimated_hours) index: estimated hours and work orders per trade.
    est: dict[str | None, float] = {}
    n = 0
    for r in (
        done.values(code=F("trade__code")).annotate(h=Sum("estimated_hours"), n=Count("id"))
    ).order_by():
        est[r["code"]] = hours(r["h"])
        n += r["n"]
    act = {r["code"]: hours(r["h"]) for r in labour.charged_on(done, code=F("trade__code"))}
    rows = [
        {
            "trade": code or "(no trade)",
            "estimated_hours": est.get(code, 0.0),
            "actual_hours": act.get(code, 0.0),
            "accuracy": ratio_pct(act.get(code, 0.0), est.get(code, 0.0)),
        }
        for code in sorted(set(est) | set(act), key=lambda c: c or "~")
    ]
    e, a = sum(est.values()), sum(act.values())
    formula = Formula(
        "Estimated versus actual hours",
        "Σ hours charged ÷ Σ hours estimated × 100, work physically completed in the period",
        {"work orders": n, "estimated hours": e, "charged hours": a},
        ratio_pct(a, e),
        "%",
        "100 % is a perfect estimate; above 100 % the work took longer than planned.",
    )
    return formula, rows


def reliability(
    qs: QuerySet[WorkOrder], start: dt.datetime, end: dt.datetime
) -> tuple[Formula, list[dict[str, Any]]]:
    """MTTR and MTBF per asset over failures (downtime records) starting in the period.

    A failure counts when the work order that repaired it is in `qs`; downtime recorded
    without a work order shows on the asset's page (assets/reliability.py, the same formula).
    """
    period_h = (end - start).total_seconds() / 3600
    grouped = (
        # The period's failures lead, each checked against `qs` by its work order's key:
        # `work_order IN (subquery)` listed every work order of the sites first.
        Downtime.objects.filter(
            Exists(qs.filter(pk=OuterRef("work_order_id"))),
            started_at__gte=start,
            started_at__lt=end,
        )
        .values(asset_code=F("asset__code"), asset_name=F("asset__name"))
        .annotate(failures=Count("id"), down=Sum(DURATION))
        .order_by("asset_code")
    )
    rows = []
    for r in grouped:  # one row per asset, already aggregated
        down = hours(r["down"])
        mttr, mtbf = mttr_mtbf(period_h, r["failures"], down)
        rows.append(
            {
                "asset": r["asset_code"],
                "name": r["asset_name"],
                "failures": r["failures"],
                "downtime_hours": down,
                "mttr": mttr,
                "mtbf": mtbf,
            }
        )
    failures = sum(r["failures"] for r in rows)
    down_all = sum(r["downtime_hours"] for r in rows)
    formula = Formula(
        "MTTR (all assets)",
        "Σ downtime hours ÷ number of failures; per asset MTBF = (period hours − Σ downtime) ÷ failures",
        {
            "failures": failures,
            "downtime hours": round(down_all, 2),
            "period hours": round(period_h, 1),
        },
        mttr_mtbf(period_h, failures, down_all)[0],
        "h",
        "Assets without a failure in the period have no MTTR or MTBF (not infinite, not zero).",
    )
    return formula, rows


def reopened_ids() -> RawSQL:
    """The work orders ever reopened (CO → IP), as the partial index `woevent_reopened`
    holds them: its condition written out (with bound parameters SQLite cannot prove that
    the query implies it, and would visit every event of every work order instead)."""
    table = WorkOrderEvent._meta.db_table
    return RawSQL(
        f'SELECT "work_order_id" FROM "{table}" '
        f"WHERE \"from_status\" = '{Status.CO.value}' AND \"to_status\" = '{Status.IP.value}'",
        [],
    )


def rework(qs: QuerySet[WorkOrder], start: dt.datetime, end: dt.datetime) -> Formula:
    counts = qs.filter(completed_at__gte=start, completed_at__lt=end).aggregate(
        n=Count("id"), again=Count("id", filter=Q(pk__in=reopened_ids()))
    )
    return Formula(
        "Rework %",
        "work completed in the period that was reopened (CO → IP) ÷ work completed × 100",
        {"completed": counts["n"], "reopened": counts["again"]},
        ratio_pct(counts["again"], counts["n"]),
        "%",
    )
