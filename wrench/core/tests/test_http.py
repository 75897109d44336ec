"""The server answers over real HTTP: the health check a load balancer asks."""

from __future__ import annotations

import pytest
import requests

pytestmark = pytest.mark.django_db(transaction=True)


def test_health_answers_with_the_database_in_use(live_server):
    answer = requests.get(f"{live_server.url}/healthz", timeout=10)
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
