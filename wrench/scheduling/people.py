"""Crews and their members, people's calendars and absences, and shutdown windows.

Each change is one service with an explicit actor; crews and members need
`scheduling.manage_crews` (scheduler, admin), calendars, absences and shutdown windows
`scheduling.manage_calendars` (scheduler, supervisor, admin).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from wrench.accounts.models import User
from wrench.assets.models import Area, Asset, Crew, Site, Trade
from wrench.core import clock
from wrench.core.errors import Conflict, FieldError, NotAllowed, ValidationFailed
from wrench.scheduling.models import (
    WEEKDAYS,
    Absence,
    AbsenceKind,
    Calendar,
    CrewMember,
    OutageKind,
    ShutdownWindow,
)
from wrench.workorders.services import check_site

CREWS, CALENDARS = "scheduling.manage_crews", "scheduling.manage_calendars"
MAX_DAYS = 366


def _may(actor: User, site_id: int, perm: str, what: str) -> None:
    check_site(actor, site_id)
    if not actor.has_perm(perm):
        roles = "scheduler or admin" if perm == CREWS else "scheduler, supervisor or admin"
        raise NotAllowed(f"{what} needs the {roles} role; you are {actor.role_label}")


def create_crew(*, actor: User, site: Site, code: str, name: str, area: Area | None = None) -> Crew:
    _may(actor, site.pk, CREWS, "setting up crews")
    code, name = (code or "").strip(), (name or "").strip()
    errors = []
    if not code or len(code) > 40:
        errors.append(FieldError("code", "1 to 40 characters"))
    if not name:
        errors.append(FieldError("name", "the crew's name, e.g. Crushing mechanical crew"))
    if errors:
        raise ValidationFailed.collect(errors, "the crew")
    with transaction.atomic():
        if Crew.objects.filter(site=site, code=code).exists():
            raise Conflict(f"{site.code} has a crew {code} already", status="exists")
        return Crew.objects.create(site=site, code=code, name=name[:120], area=area)


def update_crew(*, actor: User, crew: Crew, **changes: Any) -> Crew:
    _may(actor, crew.site_id, CREWS, "changing crews")
    with transaction.atomic():
        crew = Crew.objects.select_for_update().get(pk=crew.pk)
        if "name" in changes and changes["name"] is not None:
            if not changes["name"].strip():
                raise ValidationFailed.collect([FieldError("name", "may not be empty")], "the crew")
            crew.name = changes["name"].strip()[:120]
        if "area" in changes:
            crew.area = changes["area"]
        crew.save()
    return crew


def delete_crew(*, actor: User, crew: Crew) -> None:
    _may(actor, crew.site_id, CREWS, "removing crews")
    try:
        with transaction.atomic():
            crew.delete()
    except ProtectedError:
        raise Conflict(
            f"crew {crew.code} is named on work orders or schedules; it can no longer be removed",
            status="in_use",
        ) from None


def add_member(*, actor: User, crew: Crew, person: User, trade: Trade | None = None) -> CrewMember:
    """Make `person` a member of `crew` in `trade` (default: their own trade)."""
    _may(actor, crew.site_id, CREWS, "setting up crews")
    trade = trade or person.trade
    if crew.site_id not in person.site_ids():
        raise ValidationFailed.collect(
            [FieldError("person", f"{person.username} does not work at this site")], "the member"
        )
    if trade is None or trade.site_id != crew.site_id:
        raise ValidationFailed.collect(
            [FieldError("trade", f"{person.username} has no trade; give one of the site")],
            "the member",
        )
    try:
        with transaction.atomic():
            return CrewMember.objects.create(
                site_id=crew.site_id, crew=crew, person=person, trade=trade
            )
    except IntegrityError:
        other = CrewMember.objects.filter(person=person).select_related("crew").first()
        raise Conflict(
            f"{person.username} is in crew {other.crew.code if other else '?'} already; a person "
            "is in one crew at a time (remove them there first)",
            status="exists",
        ) from None


def remove_member(*, actor: User, crew: Crew, person: User) -> None:
    _may(actor, crew.site_id, CREWS, "changing crews")
    if not CrewMember.objects.filter(crew=crew, person=person).delete()[0]:
        raise ValidationFailed.collect(
            [FieldError("person", f"{person.username} is not in crew {crew.code}")], "the member"
        )


def set_calendar(*, actor: User, site: Site, person: User, hours: list[Any]) -> Calendar:
    """Hours by weekday, Monday first (7 values from 0 to 24)."""
    _may(actor, site.pk, CALENDARS, "entering calendars")
    values = []
    try:
        values = [Decimal(str(h)) for h in hours]
    except ArithmeticError:
        values = []
    if len(values) != 7 or any(not (0 <= v <= 24) or v != round(v, 2) for v in values):
        raise ValidationFailed.collect(
            [FieldError("hours", "7 values, Monday first, each from 0 to 24 hours")], "the calendar"
        )
    with transaction.atomic():
        cal, _ = Calendar.objects.update_or_create(
            person=person, defaults={"site": site, **dict(zip(WEEKDAYS, values, strict=True))}
        )
    return cal


def _period(starts: dt.date, ends: dt.date, what: str) -> None:
    if ends < starts:
        raise ValidationFailed.collect([FieldError("ends", "on or after the first day")], what)
    if (ends - starts).days > MAX_DAYS:
        raise ValidationFailed.collect([FieldError("ends", f"at most {MAX_DAYS} days")], what)


def add_absence(
    *,
    actor: User,
    site: Site,
    person: User,
    kind: str,
    starts: dt.date,
    ends: dt.date,
    hours_per_day: Decimal | None = None,
    note: str = "",
) -> Absence:
    _may(actor, site.pk, CALENDARS, "entering absences")
    if kind not in AbsenceKind.values:
        raise ValidationFailed.collect(
            [FieldError("kind", f"allowed: {', '.join(AbsenceKind.values)}")], "the absence"
        )
    _period(starts, ends, "the absence")
    if hours_per_day is not None and not (0 < hours_per_day <= 24):
        raise ValidationFailed.collect(
            [FieldError("hours_per_day", "above 0, at most 24; empty for the whole day")],
            "the absence",
        )
    if site.pk not in person.site_ids():
        raise ValidationFailed.collect(
            [FieldError("person", f"{person.username} does not work at {site.code}")], "the absence"
        )
    return Absence.objects.create(
        site=site,
        person=person,
        kind=kind,
        starts=starts,
        ends=ends,
        hours_per_day=hours_per_day,
        note=(note or "")[:200],
        entered_by=actor,
        entered_at=clock.now(),
    )


def _changeable(changes: dict[str, Any], allowed: tuple[str, ...], what: str) -> None:
    """Refuse a field that cannot be changed, or an empty kind or day (400 naming them)."""
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise ValidationFailed.collect(
            [FieldError(k, f"changeable: {', '.join(allowed)}") for k in unknown], what
        )
    empty = [k for k in ("kind", "starts", "ends") if k in changes and changes[k] is None]
    if empty:
        raise ValidationFailed.collect([FieldError(k, "cannot be empty") for k in empty], what)


def update_absence(*, actor: User, absence: Absence, **changes: Any) -> Absence:
    """Change an absence's kind, days, hours or note, checked as when it was entered."""
    _may(actor, absence.site_id, CALENDARS, "changing absences")
    _changeable(changes, ("ends", "hours_per_day", "kind", "note", "starts"), "the absence")
    with transaction.atomic():
        row = Absence.objects.select_for_update().get(pk=absence.pk)
        for key, value in changes.items():
            setattr(row, key, value)
        if row.kind not in AbsenceKind.values:
            raise ValidationFailed.collect(
                [FieldError("kind", f"allowed: {', '.join(AbsenceKind.values)}")], "the absence"
            )
        _period(row.starts, row.ends, "the absence")
        if row.hours_per_day is not None and not (0 < row.hours_per_day <= 24):
            raise ValidationFailed.collect(
                [FieldError("hours_per_day", "above 0, at most 24; empty for the whole day")],
                "the absence",
            )
        row.note = (row.note or "")[:200]
        row.save(update_fields=sorted(changes))
    return row


def delete_absence(*, actor: User, absence: Absence) -> None:
    _may(actor, absence.site_id, CALENDARS, "removing absences")
    absence.delete()


def add_shutdown(
    *,
    actor: User,
    site: Site,
    kind: str,
    starts: dt.date,
    ends: dt.date,
    area: Area | None = None,
    asset: Asset | None = None,
    name: str = "",
) -> ShutdownWindow:
    """A planned outage of an area, an asset (and its subtree), or the site (kind T)."""
    _may(actor, site.pk, CALENDARS, "entering shutdown windows")
    _check_window(kind, area, asset, starts, ends)
    return ShutdownWindow.objects.create(
        site=site,
        kind=kind,
        area=area,
        asset=asset,
        starts=starts,
        ends=ends,
        name=(name or "")[:120],
        entered_by=actor,
    )


def _check_window(
    kind: str, area: Area | None, asset: Asset | None, starts: dt.date, ends: dt.date
) -> None:
    errors = []
    if kind not in OutageKind.values:
        errors.append(FieldError("kind", "A (area shutdown), M (major shutdown), T (total outage)"))
    if area is not None and asset is not None:
        errors.append(FieldError("asset", "give an area or an asset, not both"))
    if kind == OutageKind.TOTAL and (area or asset):
        errors.append(FieldError("kind", "a total outage is site-wide: no area or asset"))
    if kind == OutageKind.AREA and not (area or asset):
        errors.append(FieldError("area", "which area (or asset) is shut down?"))
    if errors:
        raise ValidationFailed.collect(errors, "the shutdown window")
    _period(starts, ends, "the shutdown window")


WINDOW_FIELDS = ("kind", "area", "asset", "starts", "ends", "name")


def update_shutdown(*, actor: User, window: ShutdownWindow, **changes: Any) -> ShutdownWindow:
    """Change a shutdown window's kind, place, days or name, checked as when it was entered
    (`area`/`asset`: objects of the window's site, or None to clear)."""
    _may(actor, window.site_id, CALENDARS, "changing shutdown windows")
    _changeable(changes, WINDOW_FIELDS, "the shutdown window")
    with transaction.atomic():
        row = ShutdownWindow.objects.select_for_update().get(pk=window.pk)
        for key, value in changes.items():
            setattr(row, key, value)
        row.name = (row.name or "")[:120]
        _check_window(row.kind, row.area, row.asset, row.starts, row.ends)
        row.save(update_fields=sorted(changes))
    return row


def delete_shutdown(*, actor: User, window: ShutdownWindow) -> None:
    _may(actor, window.site_id, CALENDARS, "removing shutdown windows")
    window.delete()
