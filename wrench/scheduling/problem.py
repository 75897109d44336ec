"""From the plant's rows to the optimiser's plain data: jobs, crews, days and capacity.

The same functions decide for a placement by hand and for the optimiser, so both apply
one rule: a job's needs (its labour estimates, or its own trade × estimated hours), the
crews that may do it, and the days its timing and needed-by date allow.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from wrench.assets.models import Crew, Site, Trade
from wrench.planning.models import LabourEstimate
from wrench.scheduling import capacity as cap
from wrench.scheduling.models import OutageKind, ShutdownWindow
from wrench.scheduling.optimiser import Job, Need, Week
from wrench.scheduling.windows import Outage, allowed_days
from wrench.workorders.models import WorkOrder

LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass
class Plant:
    """What placing work on one site-week reads once."""

    site: Site
    days: list[dt.date]
    allowance_pct: Decimal
    day_hours: Decimal
    capacity: cap.Capacity
    crews: dict[int, Crew]
    trades: dict[int, Trade]
    windows: list[ShutdownWindow]
    crew_trades: dict[int, set[int]] = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        return [LABELS[d.weekday()] for d in self.days]

    def index(self, day: dt.date) -> int:
        return (day - self.days[0]).days

    def crew_by_code(self, code: str) -> Crew | None:
        return next((c for c in self.crews.values() if c.code == code), None)

    def trade_by_code(self, code: str) -> Trade | None:
        return next((t for t in self.trades.values() if t.code == code), None)


def load_plant(site: Site, monday: dt.date) -> Plant:
    rules = cap.settings_for(site)
    days = cap.week_days(site, monday)
    capacity = cap.forecast(site, days)
    crews = {c.pk: c for c in Crew.objects.filter(site=site).select_related("area")}
    trades = {t.pk: t for t in Trade.objects.filter(site=site)}
    windows = list(
        ShutdownWindow.objects.filter(
            site=site, starts__lte=days[-1], ends__gte=days[0]
        ).select_related("area", "asset")
    )
    plant = Plant(
        site, days, rules.break_in_allowance_pct, rules.day_hours, capacity, crews, trades, windows
    )
    for _person, (crew, trade) in capacity.member_of.items():
        plant.crew_trades.setdefault(crew, set()).add(trade)
    return plant


def estimates_of(work_orders: Iterable[WorkOrder]) -> dict[int, list[LabourEstimate]]:
    found: dict[int, list[LabourEstimate]] = defaultdict(list)
    ids = [wo.pk for wo in work_orders]
    for est in LabourEstimate.objects.filter(work_order_id__in=ids).order_by("id"):
        found[est.work_order_id].append(est)
    return found


def needs_of(wo: WorkOrder, estimates: list[LabourEstimate], plant: Plant) -> tuple[Need, ...]:
    """The labour estimates by trade, or the work order's own trade × its estimated hours."""
    needs: dict[tuple[str, int], float] = defaultdict(float)
    for est in estimates:
        trade = plant.trades.get(est.trade_id)
        if trade is not None:
            needs[(trade.code, est.people)] += float(est.hours_each)
    if not needs and wo.trade_id in plant.trades and wo.estimated_hours > 0:
        needs[(plant.trades[wo.trade_id].code, 1)] = float(wo.estimated_hours)
    return tuple(Need(trade, people, hours) for (trade, people), hours in needs.items())


def crews_for(
    wo: WorkOrder, estimates: list[LabourEstimate], needs: tuple[Need, ...], plant: Plant
) -> tuple[str, ...]:
    """Who may do it: the crew named on the work order or its estimates; else every crew
    with all its trades, those of its equipment's area (or of no area) first."""
    wanted = {t.pk for t in plant.trades.values() if t.code in {n.trade for n in needs}}
    named = [wo.crew_id] if wo.crew_id else [e.crew_id for e in estimates if e.crew_id]
    if named:
        return tuple(dict.fromkeys(plant.crews[c].code for c in named if c in plant.crews))
    able = [c for c in plant.crews.values() if wanted <= plant.crew_trades.get(c.pk, set())]
    area = wo.asset.area_id if wo.asset_id and wo.asset else None
    near = [c for c in able if c.area_id in (area, None)]
    return tuple(c.code for c in (near or able))


def outages_for(wo: WorkOrder, plant: Plant) -> tuple[list[Outage], str]:
    """The week's shutdown windows covering the work order's equipment, and where it is."""
    asset = wo.asset if wo.asset_id else None
    area = asset.area if asset is not None and asset.area_id else None
    found = []
    for w in plant.windows:
        if w.kind == OutageKind.TOTAL or (w.area_id is None and w.asset_id is None):
            covers = True
        elif w.area_id is not None:
            covers = area is not None and w.area_id == area.pk
        else:
            covers = (
                asset is not None and w.asset is not None and asset.path.startswith(w.asset.path)
            )
        if covers:
            days = frozenset(plant.index(d) for d in plant.days if w.starts <= d <= w.ends)
            found.append(Outage(w.kind, w.label, days))
    where = f"area {area.code}" if area is not None else (asset.code if asset else "")
    return found, where


def job_for(wo: WorkOrder, estimates: list[LabourEstimate], plant: Plant) -> Job:
    needs = needs_of(wo, estimates, plant)
    outages, where = outages_for(wo, plant)
    timing = wo.timing.abbreviation if wo.timing_id and wo.timing else "R"
    due = (wo.needed_by - plant.days[0]).days if wo.needed_by else None
    days, why = allowed_days(
        timing, len(plant.days), outages, needed_by=due, where=where, labels=plant.labels
    )
    return Job(
        key=wo.number,
        priority=wo.priority,
        needs=needs,
        crews=crews_for(wo, estimates, needs, plant),
        days=days,
        days_why=why,
    )


def week_for(plant: Plant, jobs: list[Job], fixed: dict[cap.Cell, Decimal] | None = None) -> Week:
    """The optimiser's week: capacity by (crew code, day index, trade code) less `fixed`
    hours (work kept where a person placed it)."""
    hours: dict[tuple[str, int, str], float] = {}
    people: dict[tuple[str, int, str], int] = {}
    taken: dict[tuple[str, int, str], float] = {}
    for (crew, day, trade), h in plant.capacity.hours.items():
        if crew not in plant.crews or trade not in plant.trades:
            continue
        key = (plant.crews[crew].code, plant.index(day), plant.trades[trade].code)
        hours[key] = float(h)
        people[key] = len(plant.capacity.people.get((crew, day, trade), []))
        taken[key] = float((fixed or {}).get((crew, day, trade), Decimal(0)))
    return Week(
        plant.labels,
        hours,
        people,
        jobs,
        allowance_pct=float(plant.allowance_pct),
        day_hours=float(plant.day_hours),
        fixed=taken,
    )
