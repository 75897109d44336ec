"""The schedule board `/schedule/`: crews × days with each cell's load against its capacity,
the ready backlog beside it (the shared work order filter), and the scheduler's actions.

Every action is a POST answered with the board again: HTMX swaps it in place, a browser
without JavaScript gets the whole page back. Placing works by choosing a crew and a day on
a backlog row; with JavaScript (static/schedule.js) a row or an item can be selected and
then placed on any cell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wrench.accounts.models import User
from wrench.assets.models import Area, Crew, Trade
from wrench.assets.sites import home_site
from wrench.core import clock
from wrench.core.errors import DomainError
from wrench.scheduling import problem, services
from wrench.scheduling.models import ScheduleItem, ScheduleWeek
from wrench.scheduling.views.access import MANAGE, VIEW, _readable, _week  # noqa: F401
from wrench.workorders.filters import WorkOrderFilter, keyset_page
from wrench.workorders.models import WorkOrder
from wrench.workorders.views.common import message_of, user_of
from wrench.workorders.views.lists import filter_query

BACKLOG_PAGE = 50
SHOWN = 4  # items drawn per cell; the rest on demand ("+ n more", an HTMX partial)
BACKLOG_PARAMS = ("q", "area", "trade", "crew", "timing", "urgency", "sort", "cursor")


@dataclass
class Cell:
    crew: Crew
    day: dt.date
    capacity: Decimal = Decimal(0)  # forecast available hours
    load: Decimal = Decimal(0)
    limit: Decimal = Decimal(0)  # what may be scheduled: capacity less the break-in allowance
    trades: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)  # code, load, cap
    items: list[dict[str, Any]] = field(default_factory=list)
    open: bool = False  # every item drawn

    @property
    def shown(self) -> list[dict[str, Any]]:
        return self.items if self.open else self.items[:SHOWN]

    @property
    def hidden(self) -> int:
        return len(self.items) - len(self.shown)

    @property
    def state(self) -> str:
        if self.capacity <= 0:
            return "none" if self.load <= 0 else "over"
        if self.load > self.capacity:
            return "over"
        return "near" if self.load > self.limit else "ok"

    @property
    def percent(self) -> int:
        return round(100 * self.load / self.capacity) if self.capacity else 0


def _week_param(raw: str | None) -> str:
    if raw:
        services.monday_of(raw)
        return raw
    return services.week_of(clock.now().date())


@login_required
def board(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    _readable(user)
    site = home_site(user)
    try:
        week_label = _week_param(request.GET.get("week"))
    except DomainError:
        week_label = services.week_of(clock.now().date())
    week = (
        ScheduleWeek.objects.filter(site=site, week=week_label).select_related("site").first()
        if site
        else None
    )
    return _render(request, user, week, week_label=week_label)


def _render(
    request: HttpRequest,
    user: User,
    week: ScheduleWeek | None,
    *,
    week_label: str = "",
    error: str = "",
    error_kind: str = "",
    retry: dict[str, str] | None = None,
    notice: str = "",
) -> HttpResponse:
    context = board_context(request, user, week, week_label or (week.week if week else ""))
    opened = request.GET.get("open", "")
    for crew, cells in context.get("rows", []):
        for cell in cells:
            cell.open = crew.code == opened
    context.update(error=error, error_kind=error_kind, retry=retry or {}, notice=notice)
    partial = request.headers.get("HX-Request") and request.method == "POST"
    template = "scheduling/_board.html" if partial else "scheduling/board.html"
    return render(request, template, context)


def board_context(
    request: HttpRequest, user: User, week: ScheduleWeek | None, week_label: str
) -> dict[str, Any]:
    monday = services.monday_of(week_label)
    site = week.site if week else home_site(user)
    context: dict[str, Any] = {
        "week": week,
        "week_label": week_label,
        "previous": services.week_of(monday - dt.timedelta(days=7)),
        "next": services.week_of(monday + dt.timedelta(days=7)),
        "may_manage": user.has_perm(MANAGE),
        "site": site,
    }
    if site is None:
        return context
    plant = problem.load_plant(site, monday)
    context.update(days=list(zip(plant.days, plant.labels, strict=True)), plant=plant)
    if week is not None:
        context["rows"] = _rows(week, plant)
        context["summary"] = _summary(context["rows"])
        context["optimised"] = week.last_optimised
        context["left_out"] = (week.last_optimised or {}).get("left_out", [])[:100]
    context.update(_backlog(request, user, site, plant))
    return context


def _rows(week: ScheduleWeek, plant: problem.Plant) -> list[tuple[Crew, list[Cell]]]:
    keep = 1 - plant.allowance_pct / 100
    cells: dict[tuple[int, dt.date], Cell] = {}
    for crew in plant.crews.values():
        for day in plant.days:
            cells[(crew.pk, day)] = Cell(crew, day)
    per_trade: dict[tuple[int, dt.date, int], list[Decimal]] = {}
    for (crew_id, day, trade), hours in plant.capacity.hours.items():
        cell = cells.get((crew_id, day))
        if cell is not None:
            cell.capacity += hours
            cell.limit += hours * keep
            per_trade.setdefault((crew_id, day, trade), [Decimal(0), Decimal(0)])[1] += hours
    items = (
        ScheduleItem.objects.filter(schedule=week)
        .select_related("work_order", "trade")
        .prefetch_related("people")
        .order_by("day", "crew", "-work_order__priority", "work_order__number")
    )
    for item in items:
        cell = cells.get((item.crew_id, item.day))
        if cell is None:
            continue
        cell.load += item.hours
        per_trade.setdefault((item.crew_id, item.day, item.trade_id), [Decimal(0), Decimal(0)])[
            0
        ] += item.hours
        cell.items.append(
            {
                "number": item.work_order.number,
                "title": item.work_order.title,
                "trade": item.trade.code,
                "hours": item.hours,
                "people": [p.username for p in item.people.all()],
                "break_in": item.break_in,
                "by_hand": item.placed_by_id is not None,
                "over": item.over_capacity,
            }
        )
    for (crew_id, day, trade), (load, cap) in sorted(per_trade.items(), key=lambda kv: kv[0][2]):
        cells[(crew_id, day)].trades.append((plant.trades[trade].code, load, cap))
    rows = []
    for crew in sorted(plant.crews.values(), key=lambda c: c.code):
        row = [cells[(crew.pk, day)] for day in plant.days]
        if any(c.capacity or c.load for c in row):
            rows.append((crew, row))
    return rows


def _summary(rows: list[tuple[Crew, list[Cell]]]) -> dict[str, Any]:
    load = sum((c.load for _, row in rows for c in row), Decimal(0))
    cap = sum((c.capacity for _, row in rows for c in row), Decimal(0))
    return {
        "load": load,
        "capacity": cap,
        "percent": round(100 * load / cap) if cap else None,
        "work_orders": len({i["number"] for _, row in rows for c in row for i in c.items}),
    }


def _backlog(request: HttpRequest, user: User, site: Any, plant: problem.Plant) -> dict[str, Any]:
    source = request.GET if request.method == "GET" else request.POST
    query = {k: v for k, v in filter_query(source).items() if k in BACKLOG_PARAMS}
    query.pop("cursor", None)
    error = ""
    items: list[WorkOrder] = []
    next_cursor = None
    try:
        flt = WorkOrderFilter.from_query({**query, "status": "RS", "site": site.code})
        qs = flt.apply(WorkOrder.objects.visible_to(user).with_coding(), user=user)
        page = keyset_page(qs, flt, limit=BACKLOG_PAGE, cursor=source.get("cursor"))
        items, next_cursor = page.items, page.next_cursor
    except DomainError as exc:
        error = message_of(exc)
    return {
        "backlog": items,
        "backlog_query": query,
        "backlog_encoded": urlencode(query),
        "backlog_next": urlencode({**query, "cursor": next_cursor}) if next_cursor else "",
        "backlog_error": error,
        "areas": Area.objects.filter(site=site),
        "trades": Trade.objects.filter(site=site),
        "crews": sorted(plant.crews.values(), key=lambda c: c.code),
    }


@login_required
def cell(request: HttpRequest, schedule_id: int, code: str) -> HttpResponse:
    """One crew-day with every item (what "+ n more" swaps into its cell)."""
    user = user_of(request)
    _readable(user)
    week = _week(request, schedule_id)
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return HttpResponse("day: a date of the week, YYYY-MM-DD", status=400)
    plant = problem.load_plant(week.site, week.monday)
    found = [c for crew, cells in _rows(week, plant) if crew.code == code for c in cells]
    found = [c for c in found if c.day == day]
    if not found:
        from django.http import Http404

        raise Http404(f"no crew {code} on {day} in {week.week}")
    found[0].open = True
    context = {"cell": found[0], "week": week, "may_manage": user.has_perm(MANAGE)}
    return render(request, "scheduling/_cell.html", context)
