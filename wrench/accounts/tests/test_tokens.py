"""Personal API tokens: stored hashed, shown once, refused once expired or revoked."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
import requests
from django.core.management import call_command

from wrench.accounts.models import ApiToken
from wrench.accounts.tokens import CACHE_FOR, create_token, revoke_token, user_for_token
from wrench.core import clock
from wrench.testing.http import ApiClient

pytestmark = pytest.mark.django_db(transaction=True)


def test_only_the_hash_is_stored(people):
    made = create_token(actor=people["planner"], user=people["planner"], name="historian")
    stored = ApiToken.objects.get()
    assert stored.digest == hashlib.sha256(made.secret.encode()).hexdigest()
    assert made.secret not in (stored.digest, stored.prefix)
    assert made.secret.startswith(stored.prefix)


def test_missing_unknown_expired_and_revoked_tokens_get_401(live_server, people):
    planner = people["planner"]
    assert ApiClient(live_server.url).get("/work-orders").status_code == 401
    unknown = ApiClient(live_server.url, token="wr_nonsense").get("/work-orders")
    assert unknown.status_code == 401
    assert unknown.json()["detail"] == "unknown API token"

    with clock.travel_to(clock.now() - dt.timedelta(days=3)):
        old = create_token(actor=planner, user=planner, expires_days=1)
    expired = ApiClient(live_server.url, token=old.secret).get("/work-orders")
    assert expired.status_code == 401
    assert "expired" in expired.json()["detail"]

    good = create_token(actor=planner, user=planner)
    client = ApiClient(live_server.url, token=good.secret)
    assert client.get("/work-orders").status_code == 200
    revoke_token(actor=planner, token_id=good.token.pk)
    revoked = client.get("/work-orders")
    assert revoked.status_code == 401
    assert "revoked" in revoked.json()["detail"]


def test_no_one_revokes_another_persons_token(people):
    theirs = create_token(actor=people["planner"], user=people["planner"])
    from wrench.core.errors import NotFound

    with pytest.raises(NotFound):
        revoke_token(actor=people["technician"], token_id=theirs.token.pk)


def test_the_command_prints_a_working_token_once(live_server, people):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "token",
        "scheduler",
        "--name",
        "schedule feed",
        "--expires-days",
        "30",
        stdout=out,
        stderr=err,
    )
    secret = out.getvalue().strip()
    assert ApiToken.objects.get().name == "schedule feed"
    me = ApiClient(live_server.url, token=secret).get("/users/me")
    assert me.json()["username"] == "scheduler"
    assert me.json()["roles"] == ["scheduler"]


def test_the_tokens_page_creates_and_revokes_with_the_session(live_server, people):
    session = requests.Session()
    login = session.get(f"{live_server.url}/accounts/login/", timeout=10)
    session.post(
        login.url,
        data={
            "username": "planner",
            "password": "pw",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": login.url},
        timeout=10,
    )
    page = f"{live_server.url}/accounts/tokens/"
    made = session.post(
        page,
        data={"name": "laptop", "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": page},
        timeout=10,
    )
    assert made.status_code == 200
    token = ApiToken.objects.get(name="laptop")
    assert token.prefix in made.text

    # The browser session reaches the API too; unsafe methods need the CSRF token.
    assert (
        session.get(f"{live_server.url}/api/v1/users/me", timeout=10).json()["username"]
        == "planner"
    )
    no_csrf = session.post(
        f"{live_server.url}/api/v1/work-orders", json={"title": "x", "description": "y"}, timeout=10
    )
    assert no_csrf.status_code == 403
    assert no_csrf.headers["Content-Type"].startswith("application/json")

    session.post(
        page,
        data={"revoke": token.pk, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": page},
        timeout=10,
    )
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_remembered_token_is_refused_at_once_when_revoked_or_its_user_changes(people):
    # given a token just used (so this process remembers it)
    planner, other = people["planner"], people["technician"]
    made = create_token(actor=planner, user=planner)
    user, _ = user_for_token(made.secret)
    assert user is not None and user.username == "planner"
    # when its user loses a site, is deactivated, or the token is revoked in this process,
    # then the next call sees it without waiting for the cache
    extra = create_token(actor=other, user=other)
    assert user_for_token(extra.secret)[0] is not None
    other.sites.clear()
    seen, _ = user_for_token(extra.secret)
    assert seen is not None and seen.site_ids() == set()
    other.is_active = False
    other.save()
    assert user_for_token(extra.secret) == (None, "the token's user is inactive")
    revoke_token(actor=planner, token_id=made.token.pk)
    refused, why = user_for_token(made.secret)
    assert refused is None and "revoked" in why


def test_a_token_revoked_by_another_process_is_refused_within_the_cache_time(people):
    planner = people["planner"]
    made = create_token(actor=planner, user=planner)
    assert user_for_token(made.secret)[0] is not None
    # when another web worker revokes it (no signal reaches this process)
    ApiToken.objects.filter(pk=made.token.pk).update(revoked_at=clock.now())
    # then this process refuses it once the remembered answer is older than CACHE_FOR
    with clock.travel_to(clock.now() + CACHE_FOR + dt.timedelta(seconds=1)):
        refused, why = user_for_token(made.secret)
    assert refused is None and "revoked" in why


def test_a_remembered_token_still_expires_on_the_second(people):
    planner = people["planner"]
    made = create_token(actor=planner, user=planner, expires_days=1)
    expires_at = made.token.expires_at
    assert expires_at is not None
    with clock.travel_to(expires_at - dt.timedelta(seconds=1)):
        assert user_for_token(made.secret)[0] is not None
    with clock.travel_to(expires_at + dt.timedelta(seconds=1)):
        refused, why = user_for_token(made.secret)
    assert refused is None and "expired" in why


def test_each_call_gets_its_own_user_instance(people):
    planner = people["planner"]
    made = create_token(actor=planner, user=planner)
    first, _ = user_for_token(made.secret)
    second, _ = user_for_token(made.secret)
    assert first is not None and second is not None
    assert first is not second and first.pk == second.pk == planner.pk
    assert first.site_ids() == planner.site_ids()
    assert first.has_perm("workorders.plan_workorder")
