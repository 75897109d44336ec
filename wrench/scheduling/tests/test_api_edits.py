"""Editing an absence through the API: only the fields sent, checked as on entry."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_absence_is_changed_checked_and_unknown_ones_are_404(api_as, plant):
    api = api_as(plant.people["scheduler"])
    away = api.post(
        "/absences",
        json={"person": "bob", "kind": "training", "starts": "2030-03-05", "ends": "2030-03-05"},
    ).json()
    changed = api.patch(f"/absences/{away['id']}", json={"ends": "2030-03-07", "kind": "leave"})
    assert changed.status_code == 200, changed.text
    assert changed.json()["ends"] == "2030-03-07" and changed.json()["kind"] == "leave"
    # Ends before it starts: 400 naming the field; nothing changes
    bad = api.patch(f"/absences/{away['id']}", json={"ends": "2030-03-01"})
    assert bad.status_code == 400 and "ends" in bad.text
    assert api.patch(f"/absences/{away['id']}", json={"kind": "holiday"}).status_code == 400
    assert api.get("/absences?starts=2030-03-01").json()[0]["ends"] == "2030-03-07"
    assert api.patch("/absences/999999", json={"note": "x"}).status_code == 404
    # A technician may not change calendars
    tech = api_as(plant.people["technician"])
    assert tech.patch(f"/absences/{away['id']}", json={"note": "x"}).status_code == 403
