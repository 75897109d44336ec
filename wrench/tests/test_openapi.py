"""schemathesis against our own OpenAPI: no 500 for any input, every answer as documented.

Two modes of one test, every API operation in both:

- in `make test`: CI_EXAMPLES (3) generated requests per operation, derandomized (the same
  requests every run), through the WSGI application in the test's transaction: the same
  Django stack a server runs, fast enough for CI;
- in `make fuzz` (WRENCH_FUZZ_EXAMPLES=50, WRENCH_FUZZ_LIVE=1): over real HTTP against a live
  server (pytest-django's threaded server on a socket), with committed transactions, so
  what runs on commit (notifications, background tasks queued) runs too. It writes its
  counts (operations, requests, 5xx, schema violations, database, seconds) to
  var/fuzz-report.json; `make fuzz` prints them.

Authenticated as a supervisor who also plans, so most operations get past the role checks.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core import signals
from django.db import close_old_connections, connection
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

CI_EXAMPLES = 3
EXAMPLES = int(os.environ.get("WRENCH_FUZZ_EXAMPLES", str(CI_EXAMPLES)))
LIVE = os.environ.get("WRENCH_FUZZ_LIVE") == "1"
pytestmark = pytest.mark.django_db(transaction=LIVE)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
COUNTS: Counter[str] = Counter()
STARTED = time.monotonic()


@pytest.fixture
def _keep_the_test_connection():
    # Like Django's test client: the WSGI stack must not close the test's connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def base_url(request):
    """The live server's address in `make fuzz`; None in-process (the WSGI app)."""
    if not LIVE:
        request.getfixturevalue("_keep_the_test_connection")
        return None
    return request.getfixturevalue("live_server").url


@pytest.fixture
def token(base_url, site, make_user):
    person = make_user("supervisor", site)
    person.groups.add(Group.objects.get(name="planner"))
    pump = factories.AssetFactory(site=site, code="P-101")
    factories.work_order(site, person, asset=pump)
    return create_token(actor=person, user=person, name="schemathesis").secret


@pytest.fixture(autouse=True)
def _report():
    """After each operation, the counts so far (a long run that is stopped still has them)."""
    yield
    if not LIVE and EXAMPLES == CI_EXAMPLES:
        return
    report = {
        "operations": COUNTS["operations"],
        "examples_per_operation": EXAMPLES,
        "requests": COUNTS["requests"],
        "responses_5xx": COUNTS["5xx"],
        "schema_violations": COUNTS["violations"],
        "failed_operations": sorted(k[7:] for k in COUNTS if k.startswith("failed ")),
        "statuses": {k[7:]: v for k, v in sorted(COUNTS.items()) if k.startswith("status ")},
        "database": connection.vendor,
        "transport": "live server (HTTP)" if LIVE else "WSGI in-process",
        "seconds": round(time.monotonic() - STARTED),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    out = Path(django_settings.VAR_DIR) / "fuzz-report.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n")


# Loading the schema reads /api/v1/openapi.json, which touches no database. Live, the same
# document is sent over HTTP (a schema without an app).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
if LIVE:
    schema = schemathesis.openapi.from_dict(schema.raw_schema)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_fails_and_answers_as_documented(case, token, base_url):
    headers = {"Authorization": f"Bearer {token}"}
    if COUNTS[f"seen {case.operation.label}"] == 0:
        COUNTS["operations"] += 1
    COUNTS[f"seen {case.operation.label}"] += 1
    if base_url is None:
        answer = case.call(headers=headers)
    else:
        answer = case.call(base_url=base_url, headers=headers)
    COUNTS["requests"] += 1
    COUNTS[f"status {answer.status_code}"] += 1
    if answer.status_code >= 500:
        COUNTS["5xx"] += 1
    try:
        case.validate_response(answer, checks=CHECKS, headers=headers)
    except Exception:
        if answer.status_code < 500:
            COUNTS["violations"] += 1
        COUNTS[f"failed {case.operation.label}"] += 1
        raise
