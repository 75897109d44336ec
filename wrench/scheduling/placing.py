"""Loads on the week and who does the work: hours taken per crew-day and per person.

A technician named on an item carries an equal share of its hours (item hours ÷ people
needed). When the scheduler names nobody, the people of the crew and trade with the most
free hours that day are named; naming someone who is not a member of that crew and trade,
or who is away that day, is refused.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from wrench.accounts.models import User
from wrench.assets.models import Crew, Trade
from wrench.core.errors import FieldError, ValidationFailed
from wrench.scheduling.optimiser import Job
from wrench.scheduling.problem import Plant
from wrench.scheduling.querysets import ScheduleItemQuerySet

ZERO = Decimal(0)


@dataclass
class Load:
    cells: dict[tuple[int, dt.date, int], Decimal] = field(default_factory=dict)
    people: dict[tuple[int, dt.date], Decimal] = field(default_factory=dict)

    @classmethod
    def of(cls, items: ScheduleItemQuerySet) -> Load:
        load = cls(cells=items.load_by_cell())
        rows = items.filter(people__isnull=False).values_list(
            "people", "day", "hours", "people_needed"
        )
        for person, day, hours, needed in rows:
            key = (person, day)
            load.people[key] = load.people.get(key, ZERO) + hours / max(needed, 1)
        return load

    def cell(self, crew: int, day: dt.date, trade: int) -> Decimal:
        return self.cells.get((crew, day, trade), ZERO)

    def add(self, crew: int, day: dt.date, trade: int, hours: Decimal) -> None:
        self.cells[(crew, day, trade)] = self.cell(crew, day, trade) + hours


def people_free(plant: Plant, load: Load) -> dict[tuple[int, dt.date], Decimal]:
    return {
        key: hours - load.people.get(key, ZERO)
        for key, hours in plant.capacity.person_hours.items()
    }


def name_people(
    job: Job,
    plant: Plant,
    crew: Crew,
    days: Iterable[int],
    free: dict[tuple[int, dt.date], Decimal],
    given: list[User] | None,
    known: dict[int, User] | None = None,
) -> dict[tuple[int, str], list[User]]:
    """(day index, trade code) → the people doing that trade's part that day. `known`: the
    crews' members already read (by id), so naming for many jobs reads them once."""
    trades = {t.code: t for t in plant.trades.values()}
    days = list(days)
    users = known if known is not None and not given else _users(plant, crew, given)
    if given:
        _check_given(plant, crew, given, trades, job, days)
    named: dict[tuple[int, str], list[User]] = {}
    per_trade: dict[str, int] = defaultdict(int)
    for need in job.needs:
        per_trade[need.trade] = max(per_trade[need.trade], need.people)
    hours_each = {n.trade: Decimal(str(n.hours_each)) / len(days) for n in job.needs}
    for d in days:
        day = plant.days[d]
        for code, count in per_trade.items():
            there = plant.capacity.people.get((crew.pk, day, trades[code].pk), [])
            if given:
                chosen = [p for p in given if p.pk in there]
            else:
                ranked = sorted(there, key=lambda pk: (-free.get((pk, day), ZERO), pk))
                chosen = [users[pk] for pk in ranked[:count] if pk in users]
            for person in chosen:
                free[(person.pk, day)] = free.get((person.pk, day), ZERO) - hours_each[code]
            named[(d, code)] = chosen
    return named


def members(plant: Plant) -> dict[int, User]:
    """Every crew member of the plant, by id (one query)."""
    return {u.pk: u for u in User.objects.filter(pk__in=list(plant.capacity.member_of))}


def _users(plant: Plant, crew: Crew, given: list[User] | None) -> dict[int, User]:
    if given:
        return {u.pk: u for u in given}
    ids = [p for p, (c, _t) in plant.capacity.member_of.items() if c == crew.pk]
    return {u.pk: u for u in User.objects.filter(pk__in=ids)}


def _check_given(
    plant: Plant,
    crew: Crew,
    given: list[User],
    trades: dict[str, Trade],
    job: Job,
    days: list[int],
) -> None:
    wanted = {t.pk for code, t in trades.items() if code in {n.trade for n in job.needs}}
    errors = []
    for person in given:
        member = plant.capacity.member_of.get(person.pk)
        if member is None or member[0] != crew.pk:
            errors.append(FieldError("people", f"{person.username} is not in crew {crew.code}"))
            continue
        if member[1] not in wanted:
            errors.append(
                FieldError("people", f"{person.username}'s trade is not one {job.key} needs")
            )
            continue
        away = [
            plant.labels[d]
            for d in days
            if plant.capacity.person_hours.get((person.pk, plant.days[d]), ZERO) <= 0
        ]
        if away:
            errors.append(FieldError("people", f"{person.username} is away on {', '.join(away)}"))
    if errors:
        raise ValidationFailed("those people cannot do this work then", errors=errors)
