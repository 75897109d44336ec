"""The authorisation matrix: every API operation of the OpenAPI × every role, no token, and a
person of another site → the status each gets, held equal to authz_matrix.json.

Generated from the schema, so a new endpoint (or a changed permission) fails this test until
its row is looked at and written: `WRENCH_WRITE_MATRIX=1 pytest wrench/tests/test_authz_matrix.py`
rewrites the file, and the diff is what a reviewer reads. Paths name a real work order and
asset of the site; bodies are empty, so a permitted write answers 400 (what was missing) and
a refused one 401/403/404 before any input is read.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from wrench.accounts.roles import Role
from wrench.accounts.tokens import create_token
from wrench.api import api
from wrench.testing import factories

pytestmark = pytest.mark.django_db
MATRIX = Path(__file__).with_name("authz_matrix.json")
WHO = [*Role.values, "no token", "admin of another site"]


def operations() -> list[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return sorted((method.upper(), path) for path, item in paths.items() for method in item)


def test_every_operation_of_the_schema_has_a_row():
    written = json.loads(MATRIX.read_text()) if MATRIX.exists() else {}
    missing = [f"{m} {p}" for m, p in operations() if f"{m} {p}" not in written]
    gone = sorted(set(written) - {f"{m} {p}" for m, p in operations()})
    assert not missing and not gone, (
        f"authorisation matrix out of date: new {missing}, removed {gone}; "
        "rerun with WRENCH_WRITE_MATRIX=1 and review the diff"
    )


def test_each_role_gets_the_status_the_matrix_says(site, other_site, people, make_user):
    pump = factories.AssetFactory(site=site, code="P-101")
    wo = factories.work_order(site, people["requester"], asset=pump.code)
    values = {"number": wo.number, "code": pump.code, "username": "planner", "slug": "backlog"}
    clients = {role: _client(people[role]) for role in Role.values}
    clients["no token"] = Client()
    clients["admin of another site"] = _client(make_user("admin", other_site, username="far"))
    got: dict[str, dict[str, int]] = {}
    for method, path in operations():
        url = re.sub(r"{(\w+)}", lambda m: str(values.get(m.group(1), 1)), path)
        row = {}
        for who in WHO:
            answer = _call(clients[who], method, url)
            row[who] = answer.status_code
        got[f"{method} {path}"] = row
    if os.environ.get("WRENCH_WRITE_MATRIX") == "1":
        MATRIX.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n")
    # never a 500, and no operation answers anyone without a token (but the health check)
    assert not [(op, w) for op, row in got.items() for w, s in row.items() if s >= 500]
    assert not [op for op, row in got.items() if row["no token"] not in (401, 404, 405)]
    assert got == json.loads(MATRIX.read_text())


def _client(person: Any) -> Client:
    secret = create_token(actor=person, user=person, name="matrix").secret
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _call(client: Client, method: str, url: str) -> Any:
    if method in ("GET", "DELETE"):
        return getattr(client, method.lower())(url)
    return getattr(client, method.lower())(url, data="{}", content_type="application/json")
