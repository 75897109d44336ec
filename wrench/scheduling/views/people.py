"""Crews and calendars page `/schedule/people/`: who is in which crew, their hours by weekday,
absences, and the shutdown windows. Entering goes through `scheduling.people`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from wrench.accounts.models import User
from wrench.assets.models import Area, Asset
from wrench.assets.sites import home_site
from wrench.core import clock
from wrench.core.errors import DomainError, FieldError, ValidationFailed
from wrench.scheduling import people
from wrench.scheduling.capacity import settings_for
from wrench.scheduling.models import (
    WEEKDAYS,
    Absence,
    AbsenceKind,
    Calendar,
    CrewMember,
    OutageKind,
    ShutdownWindow,
)
from wrench.scheduling.views.access import _readable, my_site
from wrench.workorders.views.common import message_of, user_of

AHEAD_DAYS = 120


@login_required
def people_page(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    _readable(user)
    site = home_site(user)
    today = clock.now().date()
    rules = settings_for(site) if site else None
    default = [rules.day_hours if k < rules.working_days else 0 for k in range(7)] if rules else []
    members = list(
        CrewMember.objects.filter(site=site)
        .select_related("crew", "person", "trade")
        .order_by("crew__code", "trade__code", "person__username")
    )
    calendars = {
        c.person_id: c.hours()
        for c in Calendar.objects.filter(person__in=[m.person for m in members])
    }
    rows = [(m, calendars.get(m.person_id, default), m.person_id in calendars) for m in members]
    context = {
        "site": site,
        "rows": rows,
        "weekdays": [d.capitalize() for d in WEEKDAYS],
        "absences": Absence.objects.filter(
            site=site, ends__gte=today, starts__lte=today + dt.timedelta(days=AHEAD_DAYS)
        ).select_related("person"),
        "windows": ShutdownWindow.objects.filter(site=site, ends__gte=today).select_related(
            "area", "asset"
        ),
        "kinds": AbsenceKind.choices,
        "outage_kinds": OutageKind.choices,
        "areas": Area.objects.filter(site=site),
        "may_enter": user.has_perm(people.CALENDARS),
        "error": request.GET.get("error", ""),
        "notice": request.GET.get("done", ""),
    }
    return render(request, "scheduling/people.html", context)


def _back(error: DomainError | None = None, done: str = "") -> HttpResponse:
    query = {"error": message_of(error)} if error else {"done": done}
    return redirect(f"/schedule/people/?{urlencode(query)}")


def _date(raw: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationFailed(
            f"{raw!r} is not a date", errors=[FieldError(field, "YYYY-MM-DD")]
        ) from None


def _person(request: HttpRequest, username: str) -> User:
    found = User.objects.filter(username=username, sites__in=user_of(request).site_ids()).first()
    if found is None:
        raise ValidationFailed(
            f"no person {username!r} at your site",
            errors=[FieldError("person", "choose a crew member")],
        )
    return found


@login_required
@require_POST
def add_absence(request: HttpRequest) -> HttpResponse:
    p = request.POST
    try:
        hours = p.get("hours_per_day", "").strip()
        made = people.add_absence(
            actor=user_of(request),
            site=my_site(user_of(request)),
            person=_person(request, p.get("person", "")),
            kind=p.get("kind", "leave"),
            starts=_date(p.get("starts", ""), "starts"),
            ends=_date(p.get("ends", "") or p.get("starts", ""), "ends"),
            hours_per_day=Decimal(hours) if hours else None,
            note=p.get("note", ""),
        )
    except InvalidOperation:
        return _back(
            ValidationFailed(
                "hours per day: a number", errors=[FieldError("hours_per_day", "e.g. 4")]
            )
        )
    except DomainError as exc:
        return _back(exc)
    return _back(
        done=f"{made.get_kind_display()} of {made.person.username} from {made.starts} to {made.ends} entered"
    )


@login_required
@require_POST
def change_absence(request: HttpRequest, pk: int) -> HttpResponse:
    """The absence's kind, days, hours and note as the row's form sends them."""
    found = Absence.objects.filter(pk=pk, site_id__in=user_of(request).site_ids()).first()
    if found is None:
        return _back(ValidationFailed("that absence is no longer there"))
    p = request.POST
    try:
        hours = p.get("hours_per_day", "").strip()
        changed = people.update_absence(
            actor=user_of(request),
            absence=found,
            kind=p.get("kind", found.kind),
            starts=_date(p.get("starts", ""), "starts"),
            ends=_date(p.get("ends", "") or p.get("starts", ""), "ends"),
            hours_per_day=Decimal(hours) if hours else None,
            note=p.get("note", ""),
        )
    except InvalidOperation:
        return _back(
            ValidationFailed(
                "hours per day: a number", errors=[FieldError("hours_per_day", "e.g. 4")]
            )
        )
    except DomainError as exc:
        return _back(exc)
    return _back(
        done=f"{changed.get_kind_display()} of {found.person.username} now from "
        f"{changed.starts} to {changed.ends}"
    )


@login_required
@require_POST
def remove_absence(request: HttpRequest, pk: int) -> HttpResponse:
    found = Absence.objects.filter(pk=pk, site_id__in=user_of(request).site_ids()).first()
    if found is not None:
        try:
            people.delete_absence(actor=user_of(request), absence=found)
        except DomainError as exc:
            return _back(exc)
    return _back(done="absence removed")


@login_required
@require_POST
def set_calendar(request: HttpRequest) -> HttpResponse:
    p = request.POST
    try:
        who = _person(request, p.get("person", ""))
        people.set_calendar(
            actor=user_of(request),
            site=my_site(user_of(request)),
            person=who,
            hours=[p.get(d, "0") or "0" for d in WEEKDAYS],
        )
    except DomainError as exc:
        return _back(exc)
    return _back(done=f"calendar of {who.username} saved")


def _window_fields(request: HttpRequest, site_id: int) -> dict[str, Any]:
    """kind, area, asset, days and name as a shutdown form sends them."""
    p = request.POST
    area = Area.objects.filter(site_id=site_id, code=p["area"]).first() if p.get("area") else None
    asset = (
        Asset.objects.filter(site_id=site_id, code=p["asset"]).first() if p.get("asset") else None
    )
    if p.get("asset") and asset is None:
        raise ValidationFailed(
            f"no asset {p.get('asset')!r}",
            errors=[FieldError("asset", "an asset code of the site")],
        )
    return {
        "kind": p.get("kind", "A"),
        "starts": _date(p.get("starts", ""), "starts"),
        "ends": _date(p.get("ends", "") or p.get("starts", ""), "ends"),
        "area": area,
        "asset": asset,
        "name": p.get("name", ""),
    }


@login_required
@require_POST
def add_shutdown(request: HttpRequest) -> HttpResponse:
    site = my_site(user_of(request))
    try:
        fields = _window_fields(request, site.pk)
        made = people.add_shutdown(actor=user_of(request), site=site, **fields)
    except DomainError as exc:
        return _back(exc)
    return _back(done=f"{made.label} from {made.starts} to {made.ends} entered")


@login_required
@require_POST
def change_shutdown(request: HttpRequest, pk: int) -> HttpResponse:
    found = ShutdownWindow.objects.filter(pk=pk, site_id__in=user_of(request).site_ids()).first()
    if found is None:
        return _back(ValidationFailed("that shutdown window is no longer there"))
    try:
        fields = _window_fields(request, found.site_id)
        changed = people.update_shutdown(actor=user_of(request), window=found, **fields)
    except DomainError as exc:
        return _back(exc)
    return _back(done=f"{changed.label} now from {changed.starts} to {changed.ends}")


@login_required
@require_POST
def remove_shutdown(request: HttpRequest, pk: int) -> HttpResponse:
    found = ShutdownWindow.objects.filter(pk=pk, site_id__in=user_of(request).site_ids()).first()
    if found is not None:
        try:
            people.delete_shutdown(actor=user_of(request), window=found)
        except DomainError as exc:
            return _back(exc)
    return _back(done="shutdown window removed")
