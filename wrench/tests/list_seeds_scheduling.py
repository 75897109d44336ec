"""Seeds of the scheduling lists for the lists test (test_lists.py): weeks, a week's
capacity cells, crews, calendars, absences and shutdown windows."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from wrench.testing import factories

_serial = itertools.count(1)  # seeds run twice in a test: new codes and weeks each time
T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
FUTURE = dt.date(2030, 3, 4)  # the lists start at today by default


def _week(site: Any, people: dict[str, Any]) -> Any:
    from wrench.scheduling.models import ScheduleWeek

    k = next(_serial)
    year, number = 2030 + k // 50, k % 50 + 1
    return ScheduleWeek.objects.create(
        site=site,
        week=f"{year}-W{number:02d}",
        monday=dt.date.fromisocalendar(year, number, 1),
        cut_off=T0,
        created_by=people["scheduler"],
        created_at=T0,
    )


def schedules(site: Any, people: dict[str, Any], n: int) -> None:
    for _i in range(n):
        _week(site, people)


def _crew(site: Any, members: int) -> Any:
    from wrench.assets.models import Crew, Trade
    from wrench.scheduling.models import CrewMember

    crew = Crew.objects.create(site=site, code=f"CR-{next(_serial):03d}", name="listed")
    trade = Trade.objects.get(site=site, code="MECH")
    for _i in range(members):
        who = factories.user("technician", site, username=f"crew{next(_serial):03d}")
        CrewMember.objects.create(site=site, crew=crew, person=who, trade=trade)
    return crew


def capacity(site: Any, people: dict[str, Any], n: int) -> dict[str, str]:
    """A week whose crews have people: a cell per crew, working day and trade."""
    for _i in range(n):
        _crew(site, 1)
    return {"schedule_id": str(_week(site, people).pk)}


def crews(site: Any, people: dict[str, Any], n: int) -> None:
    for _i in range(n):
        _crew(site, 1)


def calendars(site: Any, people: dict[str, Any], n: int) -> None:
    _crew(site, n)


def absences(site: Any, people: dict[str, Any], n: int) -> None:
    from wrench.scheduling.models import Absence

    for i in range(n):
        Absence.objects.create(
            site=site,
            person=people["technician"],
            starts=FUTURE + dt.timedelta(days=i // 2),
            ends=FUTURE + dt.timedelta(days=i // 2 + 1),
            entered_by=people["scheduler"],
            entered_at=T0,
        )


def shutdown_windows(site: Any, people: dict[str, Any], n: int) -> None:
    from wrench.scheduling.models import ShutdownWindow

    for i in range(n):
        ShutdownWindow.objects.create(
            site=site,
            kind="T",
            starts=FUTURE + dt.timedelta(days=i // 2),
            ends=FUTURE + dt.timedelta(days=i // 2 + 2),
            entered_by=people["scheduler"],
        )
