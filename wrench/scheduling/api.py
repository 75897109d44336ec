"""API: schedule weeks, their items, the optimiser, freezing, and the week's capacity.

Reading needs `scheduling.view_schedule_board` (scheduler, supervisor, planner, manager);
changing needs `scheduling.manage_schedule` (scheduler). Another site's week is a 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from wrench.accounts.access import person, site_of, user_of
from wrench.assets.models import Crew
from wrench.core.apiutil import id_path, required
from wrench.core.errors import NotAllowed, NotFound
from wrench.core.filters import parameters
from wrench.core.paging import MAX_LIMIT, announce_next, answer_page, page_rows, parse_limit
from wrench.core.schemas import answers
from wrench.scheduling import optimising, problem, services
from wrench.scheduling.capacity import forecast, week_days
from wrench.scheduling.filters import CapacityFilter, ScheduleFilter
from wrench.scheduling.models import ScheduleItem, ScheduleWeek, SchedulingSettings
from wrench.scheduling.schemas import (
    CellOut,
    OptimiseIn,
    OptimiseOut,
    PlacedOut,
    PlaceIn,
    ScheduleDetailOut,
    ScheduleIn,
    ScheduleOut,
)
from wrench.workorders.access import work_order

router = Router(tags=["scheduling"])
VIEW = "scheduling.view_schedule_board"


# Weeks a page: four years of one site's weeks.
SCHEDULES_PER_PAGE = 200


def _readable(request: HttpRequest) -> Any:
    user = user_of(request)
    if not (user.has_perm(VIEW) or user.has_perm(services.MANAGE)):
        raise NotAllowed(
            "the schedule is read by schedulers, supervisors, planners and managers; "
            f"you are {user.role_label}"
        )
    return user


def _week(request: HttpRequest, schedule_id: int) -> ScheduleWeek:
    found = (
        ScheduleWeek.objects.filter(pk=schedule_id, site_id__in=user_of(request).site_ids())
        .select_related("site")
        .first()
    )
    if found is None:
        raise NotFound(f"no schedule {schedule_id} at your sites")
    return found


def schedule_out(week: ScheduleWeek, working_days: int | None = None) -> dict[str, Any]:
    """One week; the list annotates the totals and passes the working days (one query)."""
    if hasattr(week, "item_count"):
        totals = {"n": week.item_count, "h": getattr(week, "item_hours", None)}
    else:
        totals = ScheduleItem.objects.filter(schedule=week).aggregate(
            n=Count("work_order", distinct=True), h=Sum("hours")
        )
    if working_days is None:
        days = week_days(week.site, week.monday)
    else:
        days = [week.monday + dt.timedelta(days=k) for k in range(working_days)]
    return {
        "id": week.pk,
        "site": week.site.code,
        "week": week.week,
        "monday": week.monday,
        "days": days,
        "status": week.status,
        "cut_off": week.cut_off,
        "frozen_at": week.frozen_at,
        "closed_at": week.closed_at,
        "items": totals["n"] or 0,
        "hours": totals["h"] or Decimal(0),
    }


def item_rows(items: Any) -> list[dict[str, Any]]:
    return [
        {
            "work_order": i.work_order.number,
            "title": i.work_order.title,
            "crew": i.crew.code,
            "trade": i.trade.code,
            "day": i.day,
            "hours": i.hours,
            "people_needed": i.people_needed,
            "people": sorted(p.username for p in i.people.all()),
            "break_in": i.break_in,
            "placed_by": i.placed_by.username if i.placed_by else None,
            "over_capacity": i.over_capacity,
        }
        for i in items.select_related("work_order", "crew", "trade", "placed_by").prefetch_related(
            "people"
        )
    ]


@router.post("/schedules", response=answers({201: ScheduleOut}))
def create(request: HttpRequest, payload: ScheduleIn) -> Status[dict[str, Any]]:
    """A draft schedule for a site's week. 409 when the week has one already."""
    site = site_of(request, payload.site)
    made = services.create_schedule(actor=user_of(request), site=site, week=payload.week)
    return Status(201, schedule_out(made))


@router.get(
    "/schedules",
    response=answers({200: list[ScheduleOut]}, 400, 401, 403, 404),
    openapi_extra={"parameters": parameters(ScheduleFilter, default_limit=SCHEDULES_PER_PAGE)},
)
def list_schedules(request: HttpRequest, response: HttpResponse) -> list[dict[str, Any]]:
    """Schedule weeks of your sites (or of `site`), newest first; `week` picks one.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    user = _readable(request)
    flt = ScheduleFilter.from_query(request.GET)
    qs = ScheduleWeek.objects.filter(site_id__in=user.site_ids()).select_related("site")
    if flt.site:
        qs = qs.filter(site__code=flt.site)
    if flt.week:
        services.monday_of(flt.week)
        qs = qs.filter(week=flt.week)
    qs = qs.annotate(
        item_count=Count("items__work_order", distinct=True), item_hours=Sum("items__hours")
    )
    rows = answer_page(request, response, qs, flt.ordering(), default_limit=SCHEDULES_PER_PAGE)
    rules = {
        s.site_id: s.working_days
        for s in SchedulingSettings.objects.filter(site_id__in={w.site_id for w in rows})
    }
    default = SchedulingSettings().working_days
    return [schedule_out(w, rules.get(w.site_id, default)) for w in rows]


@router.get("/schedules/{schedule_id}", response=answers({200: ScheduleDetailOut}, 401, 403, 404))
def get_schedule(request: HttpRequest, schedule_id: int = id_path("Schedule id")) -> dict[str, Any]:
    """One week with its items and the figures of its last optimiser run."""
    _readable(request)
    week = _week(request, schedule_id)
    return {
        **schedule_out(week),
        "item_list": item_rows(ScheduleItem.objects.filter(schedule=week)),
        "last_optimised": week.last_optimised,
    }


@router.post("/schedules/{schedule_id}/items", response=answers({201: PlacedOut}))
def place(
    request: HttpRequest, payload: PlaceIn, schedule_id: int = id_path("Schedule id")
) -> Status[dict[str, Any]]:
    """Put a ready work order on a crew from a day (RS → SC), or move it within the week.

    400: not a day of the week or outside its timing window, people who cannot do it;
    409: not ready (RS), on another week, no people of the trade, or the crew is full
    (give `over_capacity`, a reason, to place it anyway).
    """
    week = _week(request, schedule_id)
    wo = work_order(request, payload.work_order)
    crew = required(Crew, week.site_id, "crew", payload.crew)
    people = [p for p in (person(week.site_id, "people", u) for u in payload.people or []) if p]
    services.place(
        actor=user_of(request),
        schedule=week,
        work_order=wo,
        crew=crew,
        day=payload.day,
        people=people or None,
        over_capacity=payload.over_capacity,
    )
    wo.refresh_from_db(fields=["status"])
    rows = item_rows(ScheduleItem.objects.filter(schedule=week, work_order=wo))
    return Status(201, {"work_order": wo.number, "status": wo.status, "items": rows})


@router.delete("/schedules/{schedule_id}/items/{number}", response=answers({204: None}))
def remove(
    request: HttpRequest, number: str, schedule_id: int = id_path("Schedule id")
) -> Status[None]:
    """Take the work order off the week (SC → RS)."""
    week = _week(request, schedule_id)
    services.remove(actor=user_of(request), schedule=week, work_order=work_order(request, number))
    return Status(204, None)


@router.post("/schedules/{schedule_id}/optimise", response=answers({200: OptimiseOut}))
def optimise(
    request: HttpRequest,
    payload: OptimiseIn | None = None,
    schedule_id: int = id_path("Schedule id"),
) -> dict[str, Any]:
    """Choose and place ready work to maximise priority-weighted hours within each crew's
    hours (less the break-in allowance); placed work goes on the schedule (SC). Answers the
    objective, the solver's bound, the greedy priority-first objective on the same input,
    and for every left-out work order why."""
    week = _week(request, schedule_id)
    limit = payload.time_limit if payload else 10.0
    got = optimising.optimise(actor=user_of(request), schedule=week, time_limit=limit)
    s = got.solution
    return {
        "objective": s.objective,
        "bound": s.bound,
        "greedy_objective": s.greedy_objective,
        "status": s.status,
        "seconds": round(s.seconds, 2),
        "placed": got.placed,
        "left_out": got.left_out,
    }


@router.post("/schedules/{schedule_id}/freeze", response=answers({200: ScheduleOut}))
def freeze(request: HttpRequest, schedule_id: int = id_path("Schedule id")) -> dict[str, Any]:
    """Freeze the draft: its items become the baseline; work put in later is break-in."""
    week = services.freeze(actor=user_of(request), schedule=_week(request, schedule_id))
    return schedule_out(week)


@router.post("/schedules/{schedule_id}/close", response=answers({200: ScheduleOut}))
def close(request: HttpRequest, schedule_id: int = id_path("Schedule id")) -> dict[str, Any]:
    """Close a week that is over."""
    week = services.close(actor=user_of(request), schedule=_week(request, schedule_id))
    return schedule_out(week)


@router.get(
    "/schedules/{schedule_id}/capacity",
    response=answers({200: list[CellOut]}, 400, 401, 403, 404),
    openapi_extra={"parameters": parameters(CapacityFilter, default_limit=MAX_LIMIT)},
)
def capacity(
    request: HttpRequest, response: HttpResponse, schedule_id: int = id_path("Schedule id")
) -> list[dict[str, Any]]:
    """Forecast available hours per crew, day and trade (calendars less absences less the PM
    forecast), with the hours scheduled on each, by crew, day and trade.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    _readable(request)
    flt = CapacityFilter.from_query(request.GET)
    limit = parse_limit(request.GET.get("limit"), default=MAX_LIMIT)
    week = _week(request, schedule_id)
    plant = problem.load_plant(week.site, week.monday)
    cap = forecast(week.site, plant.days)
    load = ScheduleItem.objects.filter(schedule=week).load_by_cell()
    keys = set(cap.hours) | set(load) | set(cap.pm_hours)
    cells = [
        {
            "crew": plant.crews[c].code,
            "day": d,
            "trade": plant.trades[t].code,
            "available_hours": _h(cap.hours.get((c, d, t))),
            "pm_forecast_hours": _h(cap.pm_hours.get((c, d, t))),
            "scheduled_hours": _h(load.get((c, d, t))),
            "people": len(cap.people.get((c, d, t), [])),
        }
        for c, d, t in keys
        if c in plant.crews and t in plant.trades
    ]
    cells.sort(key=lambda r: (r["crew"], r["day"], r["trade"]))
    rows, next_cursor = page_rows(
        cells, flt.ordering(), limit=limit, cursor=request.GET.get("cursor")
    )
    announce_next(request, response, next_cursor)
    return [dict(r) for r in rows]


def _h(value: Decimal | None) -> Decimal:
    return (value or Decimal(0)).quantize(Decimal("0.01"))
