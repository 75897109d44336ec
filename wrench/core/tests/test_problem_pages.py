"""Pages that say something went wrong look like the rest of Wrench; the API keeps JSON."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from wrench.core import failures


def test_an_unknown_page_is_the_styled_not_found_page(client, people):
    client.force_login(people["requester"])
    answer = client.get("/wo/NOPE-1/")
    html = answer.content.decode()
    assert answer.status_code == 404
    assert 'data-testid="problem"' in html and "Not found" in html
    assert "no work order NOPE-1 at your sites" in html
    assert 'rel="icon"' in html and "nav" in html  # the app's header and navigation


def test_a_page_of_another_role_says_whose_it_is(client, people):
    client.force_login(people["requester"])
    answer = client.get("/review/")
    html = answer.content.decode()
    assert answer.status_code == 403
    assert "Not allowed" in html and "logged in as requester (requester)" in html


def test_the_api_still_answers_json(client, people):
    client.force_login(people["requester"])
    answer = client.get("/api/v1/nothing-here")
    assert answer.status_code == 404 and answer["Content-Type"].startswith("application/json")


@pytest.mark.django_db
def test_a_server_error_page_names_its_id_without_the_database():
    request = RequestFactory().get("/backlog/")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        answer = failures.server_error(request)
    html = answer.content.decode()
    assert answer.status_code == 500
    assert "Server error" in html and 'href="/static/wrench.css"' in html
