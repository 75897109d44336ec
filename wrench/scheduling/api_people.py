"""API: crews and their members, people's calendars and absences, shutdown windows.

Every list covers your sites (or `site`); a crew is named by its code (`site` when you
work at several). Changes go through `scheduling.people`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from wrench.accounts.access import site_of, user_of
from wrench.accounts.models import User
from wrench.assets.models import Area, Asset, Crew, Trade
from wrench.assets.sites import site_ids_for
from wrench.core.apiutil import by_code, id_path
from wrench.core.errors import FieldError, NotFound, ValidationFailed
from wrench.core.filters import parameters
from wrench.core.paging import MAX_LIMIT, answer_page
from wrench.core.schemas import answers
from wrench.scheduling import people
from wrench.scheduling.capacity import settings_for
from wrench.scheduling.filters import AbsenceFilter, CalendarFilter, CrewFilter, ShutdownFilter
from wrench.scheduling.models import Absence, Calendar, CrewMember, ShutdownWindow
from wrench.scheduling.schemas import (
    AbsenceEdit,
    AbsenceIn,
    AbsenceOut,
    CalendarIn,
    CalendarOut,
    CrewIn,
    CrewOut,
    CrewPatch,
    MemberIn,
    ShutdownEdit,
    ShutdownIn,
    ShutdownOut,
)

router = Router(tags=["scheduling"])


def _crew_out(crew: Crew) -> dict[str, Any]:
    members = [
        {"person": m.person.username, "name": m.person.get_full_name(), "trade": m.trade.code}
        for m in crew.members.all()
    ]
    return {
        "site": crew.site.code,
        "code": crew.code,
        "name": crew.name,
        "area": crew.area.code if crew.area else None,
        "size": len(members) or crew.size,
        "members": members,
    }


def _crews(request: HttpRequest, site: str | None) -> Any:
    return (
        Crew.objects.filter(site_id__in=site_ids_for(user_of(request), site))
        .select_related("site", "area")
        .prefetch_related("members__person", "members__trade")
        .order_by("site__code", "code")
    )


def _crew(request: HttpRequest, code: str, site: str | None) -> Crew:
    found = list(_crews(request, site).filter(code=code)[:2])
    if not found:
        raise NotFound(f"no crew {code!r} at your sites")
    if len(found) > 1:
        raise ValidationFailed(
            f"crew {code!r} exists at several of your sites",
            errors=[FieldError("site", "give the site code")],
        )
    return found[0]


def _person(request: HttpRequest, username: str, field: str = "person") -> User:
    found = User.objects.filter(
        username=username, sites__in=user_of(request).site_ids(), is_active=True
    ).first()
    if found is None:
        raise ValidationFailed(
            f"no person {username!r} at your sites",
            errors=[FieldError(field, "the username of someone at your site")],
        )
    return found


@router.get(
    "/crews",
    response=answers({200: list[CrewOut]}, 400, 401, 404),
    openapi_extra={"parameters": parameters(CrewFilter, default_limit=MAX_LIMIT)},
)
def list_crews(request: HttpRequest, response: HttpResponse) -> list[dict[str, Any]]:
    """The crews of your sites (or of `site`) with their members and trades, by site and code.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = CrewFilter.from_query(request.GET)
    qs = _crews(request, flt.site).order_by()
    rows = answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)
    return [_crew_out(c) for c in rows]


@router.get("/crews/{code}", response=answers({200: CrewOut}, 400, 401, 404))
def get_crew(request: HttpRequest, code: str, site: str | None = None) -> dict[str, Any]:
    return _crew_out(_crew(request, code, site))


@router.post("/crews", response=answers({201: CrewOut}))
def create_crew(request: HttpRequest, payload: CrewIn) -> Status[dict[str, Any]]:
    site = site_of(request, payload.site)
    made = people.create_crew(
        actor=user_of(request),
        site=site,
        code=payload.code,
        name=payload.name,
        area=by_code(Area, site.pk, "area", payload.area),
    )
    return Status(201, _crew_out(_crew(request, made.code, site.code)))


@router.patch("/crews/{code}", response=answers({200: CrewOut}))
def update_crew(
    request: HttpRequest, code: str, payload: CrewPatch, site: str | None = None
) -> dict[str, Any]:
    crew = _crew(request, code, site)
    changes: dict[str, Any] = {}
    if payload.name is not None:
        changes["name"] = payload.name
    if payload.area is not None:
        changes["area"] = by_code(Area, crew.site_id, "area", payload.area or None)
    people.update_crew(actor=user_of(request), crew=crew, **changes)
    return _crew_out(_crew(request, code, crew.site.code))


@router.delete("/crews/{code}", response=answers({204: None}))
def delete_crew(request: HttpRequest, code: str, site: str | None = None) -> Status[None]:
    people.delete_crew(actor=user_of(request), crew=_crew(request, code, site))
    return Status(204, None)


@router.post("/crews/{code}/members", response=answers({201: CrewOut}))
def add_member(
    request: HttpRequest, code: str, payload: MemberIn, site: str | None = None
) -> Status[dict[str, Any]]:
    """Add a person to the crew in a trade (default their own). A person is in one crew."""
    crew = _crew(request, code, site)
    people.add_member(
        actor=user_of(request),
        crew=crew,
        person=_person(request, payload.person),
        trade=by_code(Trade, crew.site_id, "trade", payload.trade),
    )
    return Status(201, _crew_out(_crew(request, code, crew.site.code)))


@router.delete("/crews/{code}/members/{username}", response=answers({204: None}))
def remove_member(
    request: HttpRequest, code: str, username: str, site: str | None = None
) -> Status[None]:
    crew = _crew(request, code, site)
    people.remove_member(actor=user_of(request), crew=crew, person=_person(request, username))
    return Status(204, None)


def _calendar_out(
    person: User, site: Any, cal: Calendar | None = None, rules: Any = None
) -> dict[str, Any]:
    """A person's hours; a list passes the calendars and the site's rules it read at once."""
    if rules is None:
        cal = Calendar.objects.filter(person=person).first()
    if cal is not None:
        return {"person": person.username, "site": site.code, "hours": cal.hours(), "own": True}
    rules = rules or settings_for(site)
    hours = [rules.day_hours if k < rules.working_days else 0 for k in range(7)]
    return {"person": person.username, "site": site.code, "hours": hours, "own": False}


@router.get(
    "/calendars",
    response=answers({200: list[CalendarOut]}, 400, 401, 404),
    openapi_extra={"parameters": parameters(CalendarFilter, default_limit=MAX_LIMIT)},
)
def list_calendars(request: HttpRequest, response: HttpResponse) -> list[dict[str, Any]]:
    """Every crew member's hours by weekday (Monday first) at the site, by person.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = CalendarFilter.from_query(request.GET)
    found = site_of(request, flt.site)
    qs = CrewMember.objects.filter(site=found).select_related("person")
    rows = answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)
    rules = settings_for(found)
    cals = {c.person_id: c for c in Calendar.objects.filter(person__in=[m.person for m in rows])}
    return [_calendar_out(m.person, found, cals.get(m.person_id), rules) for m in rows]


@router.put("/calendars/{username}", response=answers({200: CalendarOut}))
def set_calendar(
    request: HttpRequest, username: str, payload: CalendarIn, site: str | None = None
) -> dict[str, Any]:
    """Set a person's hours by weekday: `{"hours": [8, 8, 8, 8, 6, 0, 0]}`."""
    found = site_of(request, site)
    who = _person(request, username)
    people.set_calendar(actor=user_of(request), site=found, person=who, hours=payload.hours)
    return _calendar_out(who, found)


def _absence_out(a: Absence) -> dict[str, Any]:
    return {
        "id": a.pk,
        "person": a.person.username,
        "kind": a.kind,
        "starts": a.starts,
        "ends": a.ends,
        "hours_per_day": a.hours_per_day,
        "note": a.note,
    }


@router.get(
    "/absences",
    response=answers({200: list[AbsenceOut]}, 400, 401, 404),
    openapi_extra={"parameters": parameters(AbsenceFilter, default_limit=MAX_LIMIT)},
)
def list_absences(request: HttpRequest, response: HttpResponse) -> list[dict[str, Any]]:
    """Absences at your sites overlapping [starts, ends] (default: from today on), earliest
    first.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = AbsenceFilter.from_query(request.GET)
    qs = flt.apply(Absence.objects.filter(site_id__in=site_ids_for(user_of(request), flt.site)))
    rows = answer_page(
        request, response, qs.select_related("person"), flt.ordering(), default_limit=MAX_LIMIT
    )
    return [_absence_out(a) for a in rows]


@router.post("/absences", response=answers({201: AbsenceOut}))
def add_absence(
    request: HttpRequest, payload: AbsenceIn, site: str | None = None
) -> Status[dict[str, Any]]:
    """Leave, training or a meeting: whole days, or `hours_per_day` of each day."""
    made = people.add_absence(
        actor=user_of(request),
        site=site_of(request, site),
        person=_person(request, payload.person),
        kind=payload.kind,
        starts=payload.starts,
        ends=payload.ends,
        hours_per_day=payload.hours_per_day,
        note=payload.note,
    )
    return Status(201, _absence_out(made))


@router.patch("/absences/{absence_id}", response=answers({200: AbsenceOut}))
def update_absence(
    request: HttpRequest, payload: AbsenceEdit, absence_id: int = id_path("Absence id")
) -> dict[str, Any]:
    """Change an absence: only the fields sent (`hours_per_day: null` → the whole day)."""
    found = Absence.objects.filter(pk=absence_id, site_id__in=user_of(request).site_ids()).first()
    if found is None:
        raise NotFound(f"no absence {absence_id} at your sites")
    changed = people.update_absence(
        actor=user_of(request), absence=found, **payload.model_dump(exclude_unset=True)
    )
    return _absence_out(Absence.objects.select_related("person").get(pk=changed.pk))


@router.delete("/absences/{absence_id}", response=answers({204: None}))
def delete_absence(request: HttpRequest, absence_id: int = id_path("Absence id")) -> Status[None]:
    found = Absence.objects.filter(pk=absence_id, site_id__in=user_of(request).site_ids()).first()
    if found is None:
        raise NotFound(f"no absence {absence_id} at your sites")
    people.delete_absence(actor=user_of(request), absence=found)
    return Status(204, None)


def _window_out(w: ShutdownWindow) -> dict[str, Any]:
    return {
        "id": w.pk,
        "site": w.site.code,
        "kind": w.kind,
        "area": w.area.code if w.area else None,
        "asset": w.asset.code if w.asset else None,
        "starts": w.starts,
        "ends": w.ends,
        "name": w.name,
        "label": w.label,
    }


@router.get(
    "/shutdown-windows",
    response=answers({200: list[ShutdownOut]}, 400, 401, 404),
    openapi_extra={"parameters": parameters(ShutdownFilter, default_limit=MAX_LIMIT)},
)
def list_windows(request: HttpRequest, response: HttpResponse) -> list[dict[str, Any]]:
    """Planned outages at your sites ending on or after `starts` (default: today), earliest
    first.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = ShutdownFilter.from_query(request.GET)
    qs = ShutdownWindow.objects.filter(
        site_id__in=site_ids_for(user_of(request), flt.site),
        ends__gte=flt.starts or dt.date.today(),
    ).select_related("site", "area", "asset")
    rows = answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)
    return [_window_out(w) for w in rows]


@router.post("/shutdown-windows", response=answers({201: ShutdownOut}))
def add_window(request: HttpRequest, payload: ShutdownIn) -> Status[dict[str, Any]]:
    """An area (or asset) shut down from `starts` to `ends`, or the whole plant (T)."""
    site = site_of(request, payload.site)
    made = people.add_shutdown(
        actor=user_of(request),
        site=site,
        kind=payload.kind,
        starts=payload.starts,
        ends=payload.ends,
        area=by_code(Area, site.pk, "area", payload.area),
        asset=by_code(Asset, site.pk, "asset", payload.asset),
        name=payload.name,
    )
    return Status(201, _window_out(made))


def _window(request: HttpRequest, window_id: int) -> ShutdownWindow:
    found = (
        ShutdownWindow.objects.filter(pk=window_id, site_id__in=user_of(request).site_ids())
        .select_related("site")
        .first()
    )
    if found is None:
        raise NotFound(f"no shutdown window {window_id} at your sites")
    return found


@router.patch("/shutdown-windows/{window_id}", response=answers({200: ShutdownOut}))
def update_window(
    request: HttpRequest, payload: ShutdownEdit, window_id: int = id_path("Window id")
) -> dict[str, Any]:
    """Change a window: only the fields sent (`area: null` clears the area)."""
    found = _window(request, window_id)
    changes = payload.model_dump(exclude_unset=True)
    for key, model in (("area", Area), ("asset", Asset)):
        if key in changes:
            changes[key] = by_code(model, found.site_id, key, changes[key])
    changed = people.update_shutdown(actor=user_of(request), window=found, **changes)
    return _window_out(
        ShutdownWindow.objects.select_related("site", "area", "asset").get(pk=changed.pk)
    )


@router.delete("/shutdown-windows/{window_id}", response=answers({204: None}))
def delete_window(request: HttpRequest, window_id: int = id_path("Window id")) -> Status[None]:
    found = _window(request, window_id)
    people.delete_shutdown(actor=user_of(request), window=found)
    return Status(204, None)
