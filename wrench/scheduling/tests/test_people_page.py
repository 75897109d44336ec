"""Crews and calendars page: absences and shutdown windows changed in place, checked as on
entry (the form shows what was wrong; nothing changes)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest

from wrench.core import clock
from wrench.scheduling import people
from wrench.scheduling.models import Absence, ShutdownWindow

pytestmark = pytest.mark.django_db


def _day(n: int = 0) -> dt.date:
    return clock.now().date() + dt.timedelta(days=3 + n)


def _said(answer) -> dict[str, str]:
    assert answer.status_code == 302
    return {k: v[0] for k, v in parse_qs(urlparse(answer["Location"]).query).items()}


def test_an_absence_is_changed_from_its_row(client, plant):
    scheduler = plant.people["scheduler"]
    away = people.add_absence(
        actor=scheduler,
        site=plant.site,
        person=plant.people["technician"],
        kind="training",
        starts=_day(),
        ends=_day(),
    )
    client.force_login(scheduler)
    page = client.get("/schedule/people/").content.decode()
    assert f'action="/schedule/people/absence/{away.pk}/change/"' in page
    url = f"/schedule/people/absence/{away.pk}/change/"
    done = _said(
        client.post(
            url,
            {
                "kind": "leave",
                "starts": str(_day()),
                "ends": str(_day(3)),
                "hours_per_day": "4",
                "note": "half days",
            },
        )
    )
    assert f"now from {_day()} to {_day(3)}" in done["done"]
    away.refresh_from_db()
    assert (away.kind, away.ends, away.hours_per_day, away.note) == (
        "leave",
        _day(3),
        4,
        "half days",
    )
    refused = _said(
        client.post(url, {"kind": "leave", "starts": str(_day()), "ends": str(_day(-2))})
    )
    assert "ends" in refused["error"].lower()  # the field by its label
    assert Absence.objects.get(pk=away.pk).ends == _day(3)
    client.force_login(plant.people["technician"])
    assert "error" in _said(client.post(url, {"kind": "other", "starts": str(_day())}))
    assert Absence.objects.get(pk=away.pk).kind == "leave"


def test_a_shutdown_window_is_changed_from_its_row(client, plant):
    scheduler = plant.people["scheduler"]
    down = people.add_shutdown(
        actor=scheduler, site=plant.site, kind="A", starts=_day(), ends=_day(), area=plant.area
    )
    client.force_login(scheduler)
    url = f"/schedule/people/shutdown/{down.pk}/change/"
    assert f'action="{url}"' in client.get("/schedule/people/").content.decode()
    done = _said(
        client.post(
            url,
            {
                "kind": "A",
                "asset": "P-200",
                "starts": str(_day()),
                "ends": str(_day(1)),
                "name": "Seal",
            },
        )
    )
    assert "now from" in done["done"]
    down.refresh_from_db()
    assert (down.area, down.asset.code, down.ends, down.name) == (
        None,
        "P-200",
        _day(1),
        "Seal",
    )
    refused = _said(client.post(url, {"kind": "T", "asset": "P-200", "starts": str(_day())}))
    assert "site-wide" in refused["error"]
    unknown = _said(client.post(url, {"kind": "A", "asset": "NOPE", "starts": str(_day())}))
    assert "NOPE" in unknown["error"]
    assert ShutdownWindow.objects.get(pk=down.pk).kind == "A"
