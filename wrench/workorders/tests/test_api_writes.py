"""Create and transition answer from the objects the write holds: exactly what a fresh GET
shows. And what a write costs in queries stays small and fixed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wrench.accounts.tokens import create_token
from wrench.coding.services import add_characteristic, add_value
from wrench.core import clock
from wrench.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def plant(site):
    """A pump under warranty and a characteristic an admin added (shift)."""
    factories.AssetFactory(
        site=site, code="P-101", warranty_end=clock.now().date() + dt.timedelta(days=30)
    )
    shift = add_characteristic(site=site, key="shift", name="WO – Shift", described="Shift")
    add_value(characteristic=shift, abbreviation="N", value="Night", definition="18:00–06:00")
    return site


BODIES = {
    "bare": {"title": "Noise", "description": "Heard on the round.", "urgency": "#"},
    "everything": {
        "title": "  Seal leaking  ",
        "description": "Steady drip.",
        "asset": "P-101",
        "location": "Pump house",
        "needed_by": "2030-01-31",
        "priority": 12,
        "estimated_cost": "800",
        "estimated_hours": "1.5",
        "project_number": "PRJ-7",
        "trade": "MECH",
        "crew": "UTIL-MECH",
        "assigned_to": "technician",
        "urgency": "E",
        "timing": "R",
        "reason": "SA",
        "action": "RE",
        "funding": "M",
        "initiated_by": "O",
        "codes": {"shift": "N"},
    },
    "risk matrix, warranty": {
        "title": "Vibration",
        "description": "High on the drive end.",
        "consequence": 4,
        "probability": 3,
        "urgency": "U",
        "funding": "W",
        "estimated_cost": 1234.5,
    },
}


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_the_create_answer_is_what_a_fresh_get_shows(api_as, people, plant, body):
    client = api_as(people["supervisor"])
    created = client.post("/work-orders", json=body)
    assert created.status_code == 201, created.text
    fetched = client.get(f"/work-orders/{created.json()['number']}")
    assert created.json() == fetched.json()
    assert created.content == fetched.content  # byte for byte: the same fields, same order


def test_each_transition_answer_is_what_a_fresh_get_shows(api_as, people, plant):
    by_role = {role: api_as(person) for role, person in people.items()}
    body = {**BODIES["everything"], "urgency": "#", "estimated_cost": "900"}
    number = by_role["requester"].post("/work-orders", json=body).json()["number"]
    steps = [
        ("supervisor", {"to": "BL", "approved_amount": "950"}),
        ("planner", {"to": "PL"}),
        ("planner", {"to": "RS"}),
        ("scheduler", {"to": "SC"}),
        ("scheduler", {"to": "RS"}),
        ("planner", {"to": "CA", "reason": "Done by the contractor"}),
    ]
    for role, move in steps:
        moved = by_role[role].post(f"/work-orders/{number}/transition", json=move)
        assert moved.status_code == 200, moved.text
        assert moved.json()["status"] == move["to"]
        assert moved.content == by_role[role].get(f"/work-orders/{number}").content


def _client(user):
    secret = create_token(actor=user, user=user, name="tests").secret
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _post(client, path, body):
    with CaptureQueriesContext(connection) as queries:
        answer = client.post(path, json.dumps(body), content_type="application/json")
    assert answer.status_code in (200, 201), answer.content
    return answer, len(queries)


def test_a_create_and_a_transition_cost_a_few_queries(people, plant):
    supervisor, planner = _client(people["supervisor"]), _client(people["planner"])
    _post(supervisor, "/api/v1/work-orders", BODIES["bare"])  # the token's first use
    answer, create = _post(supervisor, "/api/v1/work-orders", BODIES["everything"])
    # token, sites, permissions, asset, trade, crew, person and their sites, number, work
    # order, history, extra code and its history, event (and BEGIN/COMMIT on SQLite)
    assert create <= 16
    number = answer.json()["number"]
    _post(supervisor, f"/api/v1/work-orders/{number}/transition", {"to": "BL"})
    _post(planner, f"/api/v1/work-orders/{number}/transition", {"to": "PL"})  # first use
    _, move = _post(planner, f"/api/v1/work-orders/{number}/transition", {"to": "RS"})
    # token, sites, the number, the locked row, permissions, materials, update, history,
    # event, extra codes (and BEGIN/COMMIT on SQLite)
    assert move <= 12


def _rows(count):
    row = {**BODIES["everything"], "urgency": "#", "funding": "R", "project_number": ""}
    return [{**row, "title": f"Request {i}"} for i in range(count)]


def test_bulk_queries_do_not_grow_with_the_rows(people, plant):
    client = _client(people["supervisor"])
    _post(client, "/api/v1/work-orders/bulk", {"rows": _rows(1)})  # the token's first use
    counts = {n: _post(client, "/api/v1/work-orders/bulk", {"rows": _rows(n)})[1] for n in (3, 60)}
    assert counts[3] == counts[60] <= 20
