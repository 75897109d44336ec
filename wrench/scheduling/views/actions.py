"""The scheduler's moves on the board: create a week, place, remove, optimise, freeze.

Every move is a POST answered with the board again: HTMX swaps it in place, a browser
without JavaScript is sent back to the page (the backlog filter kept).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from wrench.assets.models import Crew
from wrench.core.errors import Conflict, DomainError
from wrench.scheduling import optimising, services
from wrench.scheduling.models import ScheduleWeek
from wrench.scheduling.views.access import _manager, _week, my_site
from wrench.scheduling.views.board import BACKLOG_PARAMS, _render
from wrench.workorders.models import WorkOrder
from wrench.workorders.views.common import message_of, user_of
from wrench.workorders.views.lists import filter_query


def _answer(request: HttpRequest, week: ScheduleWeek, **kwargs: Any) -> HttpResponse:
    if not request.headers.get("HX-Request"):
        back = {"week": week.week, **dict(filter_query(request.POST))}
        keep = {k: v for k, v in back.items() if k in (*BACKLOG_PARAMS, "week")}
        if kwargs.get("error"):
            return _render(request, user_of(request), week, **kwargs)
        return redirect(f"/schedule/?{urlencode(keep)}")
    return _render(request, user_of(request), week, **kwargs)


@login_required
@require_POST
def create_week(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    site = my_site(user)
    label = request.POST.get("week", "")
    try:
        week = services.create_schedule(actor=user, site=site, week=label)
    except DomainError as exc:
        return redirect(f"/schedule/?{urlencode({'week': label, 'error': message_of(exc)})}")
    return redirect(f"/schedule/?week={week.week}")


@login_required
@require_POST
def place(request: HttpRequest, schedule_id: int) -> HttpResponse:
    user = _manager(request)
    week = _week(request, schedule_id)
    p = request.POST
    number, crew_code, day = p.get("work_order", ""), p.get("crew", ""), p.get("day", "")
    try:
        wo = WorkOrder.objects.filter(site=week.site, number=number).first()
        crew = Crew.objects.filter(site=week.site, code=crew_code).first()
        if wo is None or crew is None:
            raise Conflict(f"choose a ready work order and a crew (got {number!r}, {crew_code!r})")
        services.place(
            actor=user,
            schedule=week,
            work_order=wo,
            crew=crew,
            day=dt.date.fromisoformat(day) if day else dt.date.min,
            over_capacity=p.get("over_capacity", ""),
        )
    except (DomainError, ValueError) as exc:
        message = message_of(exc) if isinstance(exc, DomainError) else f"{day!r} is not a day"
        kind = getattr(exc, "status", "")
        retry = {"work_order": number, "crew": crew_code, "day": day}
        return _answer(request, week, error=message, error_kind=kind, retry=retry)
    return _answer(request, week, notice=f"{number} placed on {crew_code} from {day}")


@login_required
@require_POST
def remove(request: HttpRequest, schedule_id: int) -> HttpResponse:
    user = _manager(request)
    week = _week(request, schedule_id)
    number = request.POST.get("work_order", "")
    try:
        wo = WorkOrder.objects.filter(site=week.site, number=number).first()
        if wo is None:
            raise Conflict(f"no work order {number!r}")
        services.remove(actor=user, schedule=week, work_order=wo)
    except DomainError as exc:
        return _answer(request, week, error=message_of(exc))
    return _answer(request, week, notice=f"{number} taken off the schedule (back to RS)")


@login_required
@require_POST
def optimise(request: HttpRequest, schedule_id: int) -> HttpResponse:
    user = _manager(request)
    week = _week(request, schedule_id)
    try:
        got = optimising.optimise(actor=user, schedule=week)
    except DomainError as exc:
        return _answer(request, week, error=message_of(exc))
    s = got.solution
    week.refresh_from_db()
    return _answer(
        request,
        week,
        notice=f"Optimised: {len(s.placed)} work orders placed, {len(s.left_out)} left out; "
        f"objective {s.objective:,.0f} of a bound {s.bound:,.0f}, greedy {s.greedy_objective:,.0f}",
    )


@login_required
@require_POST
def freeze(request: HttpRequest, schedule_id: int) -> HttpResponse:
    user = _manager(request)
    week = _week(request, schedule_id)
    try:
        week = services.freeze(actor=user, schedule=week)
    except DomainError as exc:
        return _answer(request, week, error=message_of(exc))
    return _answer(
        request,
        week,
        notice=f"{week.week} frozen: the baseline is kept; work added now is break-in",
    )
