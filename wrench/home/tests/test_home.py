"""The start page over real HTTP: a login first, then what to do and the counts by status."""

from __future__ import annotations

import pytest
import requests

from wrench.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_needs_a_login_then_shows_counts_by_status(live_server, site, people):
    factories.work_order(site, people["requester"])
    session = requests.Session()
    first = session.get(f"{live_server.url}/", timeout=10)
    assert "/accounts/login/" in first.url
    token = session.cookies["csrftoken"]
    logged = session.post(
        f"{live_server.url}/accounts/login/",
        data={"username": "planner", "password": "pw", "csrfmiddlewaretoken": token, "next": "/"},
        headers={"Referer": first.url},
        timeout=10,
    )
    assert logged.status_code == 200
    assert "planner (planner)" in logged.text
    assert "Work requested" in logged.text
