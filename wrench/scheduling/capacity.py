"""Forecast available hours per crew, trade and day: calendars less absences, less PM.

A person's hours on a day are their calendar's hours for that weekday (without a calendar:
the site's `day_hours` on working days), less their absences that day (a whole day, or the
absence's hours). A crew's hours of a trade on a day are the sum over its members of that
trade. Three queries for a site-week, whatever its size.

Preventive maintenance: the optional PM forecast provider (setting `WRENCH_PM_FORECAST`,
a dotted path) is called as `provider(site, first_day, last_day)` and yields
`PmForecast(crew_code, trade_code, day, hours)` rows: the hours PM work *not yet raised as
work orders* will take. Those hours are taken off the crew's available hours (a row
without a crew is shared among the site's crews of that trade in proportion to their
hours), so the board shows, and the optimiser fills, only what PM leaves free.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings as django_settings
from django.utils.module_loading import import_string

from wrench.assets.models import Crew, Site, Trade
from wrench.scheduling.models import Absence, Calendar, CrewMember, SchedulingSettings

ZERO = Decimal(0)
Cell = tuple[int, dt.date, int]  # crew id, day, trade id


@dataclass(frozen=True)
class PmForecast:
    """Hours of preventive work forecast for a crew (or any crew: None) of a trade on a day."""

    crew: str | None
    trade: str
    day: dt.date
    hours: Decimal


PmProvider = Callable[[Site, dt.date, dt.date], Iterable[PmForecast]]


@dataclass
class Capacity:
    days: list[dt.date]
    hours: dict[Cell, Decimal] = field(default_factory=dict)  # forecast available, after PM
    people: dict[Cell, list[int]] = field(default_factory=dict)  # who is there (user ids)
    person_hours: dict[tuple[int, dt.date], Decimal] = field(default_factory=dict)
    pm_hours: dict[Cell, Decimal] = field(default_factory=dict)
    member_of: dict[int, tuple[int, int]] = field(default_factory=dict)  # user → crew, trade

    def crew_day(self, crew_id: int, day: dt.date) -> Decimal:
        return sum((h for (c, d, _t), h in self.hours.items() if c == crew_id and d == day), ZERO)


def settings_for(site: Site) -> SchedulingSettings:
    """The site's scheduling settings (the defaults, unsaved, when none were set)."""
    found = SchedulingSettings.objects.filter(site=site).first()
    return found or SchedulingSettings(site=site)


def week_days(site: Site, monday: dt.date) -> list[dt.date]:
    return [monday + dt.timedelta(days=k) for k in range(settings_for(site).working_days)]


def forecast(site: Site, days: list[dt.date], *, pm: PmProvider | bool | None = True) -> Capacity:
    """What each crew of the site can work on each day, by trade (see the module doc).

    `pm=True` uses the configured PM forecast provider (if any), `pm=None`/False none, and a
    callable is used as the provider itself (tests).
    """
    rules = settings_for(site)
    cap = Capacity(days=days)
    if not days:
        return cap
    members = list(
        CrewMember.objects.filter(site=site).values_list("person_id", "crew_id", "trade_id")
    )
    ids = [m[0] for m in members]
    calendars = {c.person_id: c.hours() for c in Calendar.objects.filter(person_id__in=ids)}
    default = [rules.day_hours if k < rules.working_days else ZERO for k in range(7)]
    away: dict[tuple[int, dt.date], Decimal | None] = {}
    for a in Absence.objects.filter(
        person_id__in=ids, starts__lte=days[-1], ends__gte=days[0]
    ).values_list("person_id", "starts", "ends", "hours_per_day"):
        person, starts, ends, each = a
        for day in days:
            if starts <= day <= ends:
                before = away.get((person, day), ZERO)
                # None: the whole day; several part-day absences add up.
                away[(person, day)] = None if each is None or before is None else before + each
    for person, crew, trade in members:
        cap.member_of[person] = (crew, trade)
        week = calendars.get(person, default)
        for day in days:
            h = week[day.weekday()]
            gone = away.get((person, day), ZERO)
            h = ZERO if gone is None else max(ZERO, h - gone)
            cap.person_hours[(person, day)] = h
            if h > 0:
                key = (crew, day, trade)
                cap.hours[key] = cap.hours.get(key, ZERO) + h
                cap.people.setdefault(key, []).append(person)
    provider = _provider(pm)
    if provider is not None:
        _take_pm(site, cap, provider(site, days[0], days[-1]))
    return cap


def _provider(pm: PmProvider | bool | None) -> PmProvider | None:
    if callable(pm):
        return pm
    if not pm:
        return None
    path = getattr(django_settings, "WRENCH_PM_FORECAST", "")
    return import_string(path) if path else None


def _take_pm(site: Site, cap: Capacity, rows: Iterable[PmForecast]) -> None:
    crews = dict(Crew.objects.filter(site=site).values_list("code", "id"))
    trades = dict(Trade.objects.filter(site=site).values_list("code", "id"))
    wanted: dict[Cell, Decimal] = defaultdict(Decimal)
    for row in rows:
        trade = trades.get(row.trade)
        if trade is None or row.day not in cap.days:
            continue
        if row.crew is not None:
            if row.crew in crews:
                wanted[(crews[row.crew], row.day, trade)] += Decimal(row.hours)
            continue
        able = {k: h for k, h in cap.hours.items() if k[1] == row.day and k[2] == trade}
        total = sum(able.values(), ZERO)
        for key, h in able.items():
            wanted[key] += Decimal(row.hours) * h / total if total else ZERO
    for key, h in wanted.items():
        have = cap.hours.get(key, ZERO)
        taken = min(have, h)
        cap.pm_hours[key] = taken.quantize(Decimal("0.01"))
        cap.hours[key] = (have - taken).quantize(Decimal("0.01"))
