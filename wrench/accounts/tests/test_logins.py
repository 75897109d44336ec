"""Logins are throttled (django-axes) and passwords meet Django's validators everywhere they are
set: `wrench createuser --password`, the password change page, the admin."""

from __future__ import annotations

import pytest
import requests
from django.core.management import CommandError, call_command

from wrench.accounts.models import User
from wrench.testing.admin_http import AdminSession

pytestmark = pytest.mark.django_db(transaction=True)


def _page_login(base: str, username: str, password: str) -> requests.Response:
    http = requests.Session()
    http.get(f"{base}/accounts/login/", timeout=30)
    return http.post(
        f"{base}/accounts/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": http.cookies.get("csrftoken", ""),
        },
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=30,
        allow_redirects=False,
    )


def test_after_five_wrong_passwords_even_the_right_one_is_refused(live_server, people):
    for _ in range(4):
        assert _page_login(live_server.url, "planner", "wrong").status_code == 200
    assert _page_login(live_server.url, "planner", "wrong").status_code == 429  # the fifth
    locked = _page_login(live_server.url, "planner", "pw")
    assert locked.status_code == 429
    assert "locked" in locked.text.lower()


def test_a_right_password_before_the_limit_logs_in_and_clears_the_count(live_server, people):
    for _ in range(4):
        _page_login(live_server.url, "planner", "wrong")
    assert _page_login(live_server.url, "planner", "pw").status_code == 302
    for _ in range(4):
        _page_login(live_server.url, "planner", "wrong")
    assert _page_login(live_server.url, "planner", "pw").status_code == 302


def test_one_persons_lockout_does_not_lock_out_another(live_server, people):
    for _ in range(6):
        _page_login(live_server.url, "planner", "wrong")
    assert _page_login(live_server.url, "supervisor", "pw").status_code == 302


def test_the_admin_login_is_throttled_too(live_server, people):
    people["admin"].is_staff = True
    people["admin"].save()
    session = AdminSession(live_server.url)
    for _ in range(5):
        session.login("admin", "wrong")
    assert session.login("admin", "pw").status_code == 429


@pytest.mark.parametrize("weak", ["a", "password", "12345678901", "planner1"])
def test_createuser_refuses_a_weak_password(site, weak):
    with pytest.raises(CommandError, match="--password refused"):
        call_command("createuser", "planner1", role="planner", site=site.code, password=weak)
    assert not User.objects.filter(username="planner1").exists()


def test_createuser_takes_a_strong_password(site):
    call_command("createuser", "ana", role="planner", site=site.code, password="bearing-grease-42")
    assert User.objects.get(username="ana").check_password("bearing-grease-42")


def test_the_password_change_page_refuses_password(live_server, people):
    session = AdminSession(live_server.url)
    session.get("/accounts/login/")
    login = session.post("/accounts/login/", {"username": "planner", "password": "pw"})
    assert login.status_code == 302
    answer = session.post(
        "/accounts/password_change/",
        {"old_password": "pw", "new_password1": "password", "new_password2": "password"},
    )
    assert answer.status_code == 200
    assert "too common" in answer.text
    assert User.objects.get(username="planner").check_password("pw")


def test_the_admin_refuses_a_weak_password(live_server, people):
    people["admin"].is_staff = True
    people["admin"].save()
    session = AdminSession(live_server.url)
    session.login("admin")
    planner = people["planner"]
    answer = session.post(
        f"/admin/accounts/user/{planner.pk}/password/",
        {"password1": "password", "password2": "password"},
    )
    assert answer.status_code == 200
    assert "too common" in answer.text
    planner.refresh_from_db()
    assert planner.check_password("pw")
