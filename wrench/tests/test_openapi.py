"""schemathesis against our own OpenAPI: no 500 for any input, every answer as documented.

A bounded, deterministic number of generated requests per operation (5, derandomized
hypothesis), through the WSGI application (the same Django stack a server runs), authenticated as a supervisor who also
plans, so most operations get past the role checks.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.contrib.auth.models import Group
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from wrench.accounts.tokens import create_token
from wrench.testing import factories
from wrench.wsgi import application

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def _keep_the_test_connection():
    # Like Django's test client: the WSGI stack must not close the test's connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(_keep_the_test_connection, site, make_user):
    person = make_user("supervisor", site)
    person.groups.add(Group.objects.get(name="planner"))
    pump = factories.AssetFactory(site=site, code="P-101")
    factories.work_order(site, person, asset=pump)
    return create_token(actor=person, user=person, name="schemathesis").secret


# Loading the schema reads /api/v1/openapi.json, which touches no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.parametrize()
@settings(
    # 5 in `make test`; `make fuzz` asks for more (WRENCH_FUZZ_EXAMPLES=50).
    max_examples=int(os.environ.get("WRENCH_FUZZ_EXAMPLES", "5")),
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_fails_and_answers_as_documented(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
