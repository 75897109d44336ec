"""Filters of the scheduling lists: schedule weeks, a week's capacity cells, crews,
calendars, absences and shutdown windows (each pages by cursor in the order named here)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.db.models import QuerySet
from pydantic import Field

from wrench.core.filters import FilterSchema, SiteFilter
from wrench.core.paging import Ordering
from wrench.scheduling.models import Absence


class ScheduleFilter(SiteFilter):
    """Schedule weeks, newest first; `week` (2026-W14) picks one."""

    ORDERING: ClassVar[tuple[str, ...]] = ("-monday", "site_id")

    week: str | None = Field(None, max_length=10, description="An ISO week, e.g. 2026-W14")


class CapacityFilter(FilterSchema):
    """A week's cells by crew, day and trade (worked out in memory, paged there)."""

    def ordering(self) -> Ordering:
        return Ordering((("crew", False), ("day", False), ("trade", False)))


class CrewFilter(SiteFilter):
    """Crews by site, then code."""

    ORDERING: ClassVar[tuple[str, ...]] = ("site_id", "code")


class CalendarFilter(SiteFilter):
    """A site's crew members' weekly hours, by person."""

    ORDERING: ClassVar[tuple[str, ...]] = ("person_id", "id")


class AbsenceFilter(SiteFilter):
    """Absences overlapping [starts, ends] (default: from today on), earliest first."""

    ORDERING: ClassVar[tuple[str, ...]] = ("starts", "id")

    person: str | None = Field(None, max_length=150, description="A username: only theirs")
    starts: dt.date | None = Field(None, description="Ending on or after (default: today)")
    ends: dt.date | None = Field(None, description="Starting on or before")

    def apply(self, qs: QuerySet[Absence]) -> QuerySet[Absence]:
        qs = qs.filter(ends__gte=self.starts or dt.date.today())
        if self.ends:
            qs = qs.filter(starts__lte=self.ends)
        if self.person:
            qs = qs.filter(person__username=self.person)
        return qs


class ShutdownFilter(SiteFilter):
    """Planned outages ending on or after `starts` (default: today), earliest first."""

    ORDERING: ClassVar[tuple[str, ...]] = ("starts", "id")

    starts: dt.date | None = Field(None, description="Ending on or after (default: today)")
