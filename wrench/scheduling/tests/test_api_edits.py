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


def test_a_shutdown_window_is_changed_checked_and_unknown_ones_are_404(api_as, plant):
    api = api_as(plant.people["scheduler"])
    down = api.post(
        "/shutdown-windows",
        json={"kind": "A", "area": "200", "starts": "2030-03-06", "ends": "2030-03-07"},
    ).json()
    url = f"/shutdown-windows/{down['id']}"
    # The pump instead of the whole area, a day longer, named
    moved = api.patch(
        url, json={"area": None, "asset": "P-200", "ends": "2030-03-08", "name": "Seal"}
    )
    assert moved.status_code == 200, moved.text
    assert moved.json() | {"id": 0} == {
        "id": 0,
        "site": down["site"],
        "kind": "A",
        "area": None,
        "asset": "P-200",
        "starts": "2030-03-06",
        "ends": "2030-03-08",
        "name": "Seal",
        "label": moved.json()["label"],
    }
    # Checked as on entry: a total outage names no asset; reversed days; an unknown area
    for bad, field in (
        ({"kind": "T"}, "kind"),
        ({"ends": "2030-03-01"}, "ends"),
        ({"area": "NOPE"}, "area"),
        ({"starts": None}, "starts"),
    ):
        answer = api.patch(url, json=bad)
        assert answer.status_code == 400 and field in answer.text, (bad, answer.text)
    # A field the window does not have: the schema's 400, as for every body
    assert api.patch(url, json={"colour": "red"}).status_code == 400
    # ... and nothing changed
    kept = [
        w for w in api.get("/shutdown-windows?starts=2030-03-01").json() if w["id"] == down["id"]
    ]
    assert kept[0]["asset"] == "P-200" and kept[0]["ends"] == "2030-03-08"
    assert api.patch("/shutdown-windows/999999", json={"name": "x"}).status_code == 404
    tech = api_as(plant.people["technician"])
    assert tech.patch(url, json={"name": "x"}).status_code == 403
