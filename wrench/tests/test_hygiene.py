"""Hostile input never reaches a handler or the database: a 400 (or 413) naming the field,
always as the API's JSON; an unexpected error is a JSON 500 naming the id it was logged under.

Run on both databases: PostgreSQL refuses NUL in text, SQLite overflows past 64 bits.
"""

from __future__ import annotations

import logging

import pytest
import requests

from wrench.testing import factories
from wrench.workorders.models import Comment, WorkOrder

pytestmark = pytest.mark.django_db(transaction=True)


def _is_error_json(answer, status):
    assert answer.status_code == status, answer.text[:500]
    assert answer.headers["Content-Type"].startswith("application/json")
    body = answer.json()
    assert set(body) >= {"detail", "errors"}
    return body


def _fields(body):
    return {e["field"] for e in body["errors"]}


@pytest.mark.parametrize("value", ["%00", "P%00-1", "%01", "%1b[31m"])
def test_a_control_character_in_a_query_value_is_a_400_naming_it(api_as, people, value):
    answer = api_as(people["planner"]).get(f"/assets?site={value}")
    body = _is_error_json(answer, 400)
    assert _fields(body) == {"site"}
    assert "U+00" in body["errors"][0]["message"]


def test_a_nul_in_the_path_is_a_400(api_as, people):
    body = _is_error_json(api_as(people["planner"]).get("/assets/P%00-1"), 400)
    assert _fields(body) == {"path"}


def test_a_nul_in_a_comment_writes_nothing(api_as, site, people):
    wo = factories.work_order(site, people["requester"])
    answer = api_as(people["supervisor"]).post(
        f"/work-orders/{wo.number}/comments", json={"text": "leaks\u0000 at the seal"}
    )
    body = _is_error_json(answer, 400)
    assert _fields(body) == {"text"}
    assert not Comment.objects.exists()


def test_a_nul_in_the_last_row_of_a_bulk_creates_nothing(api_as, people):
    rows = [{"title": f"Request {i}", "urgency": "#", "reason": "SA"} for i in range(5)]
    rows[-1]["title"] = "bad\u0000"
    answer = api_as(people["requester"]).post("/work-orders/bulk", json={"rows": rows})
    body = _is_error_json(answer, 400)
    assert _fields(body) == {"rows.4.title"}
    assert WorkOrder.objects.count() == 0


def test_a_lone_surrogate_in_a_body_is_a_400(api_as, site, people):
    wo = factories.work_order(site, people["requester"])
    answer = api_as(people["supervisor"]).post(
        f"/work-orders/{wo.number}/comments",
        data=b'{"text": "half a pair \\ud800"}',
        headers={"Content-Type": "application/json"},
    )
    assert _fields(_is_error_json(answer, 400)) == {"text"}


def test_ordinary_text_with_tabs_newlines_and_accents_passes(api_as, site, people):
    wo = factories.work_order(site, people["requester"])
    text = "Pompe\tP-101:\r\nfuite côté accouplement — 3 gouttes/min ✓"
    answer = api_as(people["supervisor"]).post(
        f"/work-orders/{wo.number}/comments", json={"text": text}
    )
    assert answer.status_code == 201, answer.text
    assert Comment.objects.get().text == text


@pytest.mark.parametrize(
    "query", ["offset=18446744073709551617", "offset=-1", "limit=0", "limit=100000", "offset=x"]
)
def test_an_offset_or_limit_out_of_range_is_a_400_naming_it(api_as, people, query):
    body = _is_error_json(api_as(people["planner"]).get(f"/assets?{query}"), 400)
    assert _fields(body) == {query.split("=")[0]}


def test_an_integer_beyond_64_bits_in_a_body_is_a_400(api_as, site, people):
    wo = factories.work_order(site, people["requester"])
    answer = api_as(people["planner"]).patch(
        f"/work-orders/{wo.number}", json={"estimated_cost": 10**30}
    )
    assert answer.status_code == 400, answer.text
    assert "estimated_cost" in _fields(answer.json())


def test_a_ten_megabyte_body_is_a_json_413(api_as, people):
    answer = api_as(people["requester"]).post(
        "/work-orders",
        data=b'{"title": "' + b"x" * (10 * 1024 * 1024) + b'"}',
        headers={"Content-Type": "application/json"},
    )
    body = _is_error_json(answer, 413)
    assert _fields(body) == {"body"}


def test_an_unexpected_error_is_a_json_500_naming_the_logged_id(
    api_as, people, monkeypatch, caplog
):
    from wrench.assets import api as assets_api

    def broken(*args, **kwargs):
        raise RuntimeError("the disk caught fire")

    monkeypatch.setattr(assets_api, "_ids", broken)
    with caplog.at_level(logging.ERROR, logger="wrench.errors"):
        answer = api_as(people["planner"]).get("/assets")
    body = _is_error_json(answer, 500)
    error_id = body["errors"][0]["message"]
    assert error_id in body["detail"]
    assert "fire" not in answer.text  # nothing of the inside leaks
    logged = [r for r in caplog.records if error_id in r.getMessage()]
    assert logged
    assert logged[0].exc_info is not None


def test_an_unknown_api_path_is_json(live_server):
    answer = requests.get(f"{live_server.url}/api/v1/nothing-here", timeout=10)
    _is_error_json(answer, 404)


def test_a_write_without_a_token_is_a_401_not_a_csrf_403(live_server):
    answer = requests.post(f"{live_server.url}/api/v1/work-orders", json={}, timeout=10)
    body = _is_error_json(answer, 401)
    assert "token" in body["detail"]


def test_a_page_session_without_its_csrf_token_is_still_refused(live_server, people):
    from django.test import Client

    browser = Client()
    browser.force_login(people["requester"])
    cookie = browser.cookies["sessionid"].value
    answer = requests.post(
        f"{live_server.url}/api/v1/work-orders",
        json={"title": "x", "urgency": "#", "reason": "SA"},
        cookies={"sessionid": cookie},
        timeout=10,
    )
    body = _is_error_json(answer, 403)
    assert "CSRF" in body["detail"]
    assert not WorkOrder.objects.exists()


def test_a_nul_on_a_page_is_a_plain_400(client, people):
    client.force_login(people["requester"])
    answer = client.get("/backlog/?q=%00")
    assert answer.status_code == 400
    assert "q:" in answer.content.decode()


@pytest.mark.parametrize("raw", [b"", b"{oops", b"[1, 2", b"null", b'"text"', b"[]"])
def test_an_empty_or_malformed_json_body_is_a_400_with_a_message(api_as, site, people, raw):
    # One convention for bad input: 400 naming what is wrong (there is no 422).
    wo = factories.work_order(site, people["requester"])
    answer = api_as(people["supervisor"]).post(
        f"/work-orders/{wo.number}/comments",
        data=raw,
        headers={"Content-Type": "application/json"},
    )
    body = _is_error_json(answer, 400)
    assert body["errors"] and all(e["message"] for e in body["errors"])
    assert not Comment.objects.filter(work_order=wo).exists()


def test_a_body_that_does_not_fit_the_schema_is_a_400_naming_the_field(api_as, site, people):
    wo = factories.work_order(site, people["requester"])
    answer = api_as(people["supervisor"]).post(
        f"/work-orders/{wo.number}/comments", json={"text": "ok", "colour": "red"}
    )
    body = _is_error_json(answer, 400)
    assert _fields(body) == {"colour"}
