"""The operator's console commands: createuser, export, check."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError

from wrench.accounts.models import User
from wrench.testing import factories

pytestmark = pytest.mark.django_db


def test_createuser_gives_the_role_and_site(site):
    call_command(
        "createuser",
        "ana",
        "--role",
        "planner",
        "--site",
        "NORTH",
        "--password",
        "pw-long-enough",
        stdout=io.StringIO(),
    )
    ana = User.objects.get(username="ana")
    assert ana.role_names == ["planner"]
    assert ana.site_ids() == {site.pk}
    assert ana.check_password("pw-long-enough")
    with pytest.raises(CommandError, match="no site 'EAST'; known sites: NORTH"):
        call_command("createuser", "bo", "--role", "planner", "--site", "EAST")


def test_export_uses_the_api_filters(site, people, tmp_path):
    for reason in ("SA", "EN", "SA"):
        factories.work_order(site, people["requester"], codes={"reason": reason})
    target = tmp_path / "safety.csv"
    call_command(
        "export",
        "--format",
        "csv",
        "--output",
        str(target),
        "--reason",
        "SA",
        "--status",
        "open",
        stderr=io.StringIO(),
    )
    rows = list(csv.DictReader(target.open()))
    assert [(r["reason"], r["reason_value"]) for r in rows] == [("SA", "Safety")] * 2
    call_command(
        "export", "--format", "xlsx", "--output", str(tmp_path / "all.xlsx"), stderr=io.StringIO()
    )
    assert (tmp_path / "all.xlsx").stat().st_size > 0
    with pytest.raises(CommandError, match="allowed:"):
        call_command("export", "--reason", "ZZ", stdout=io.StringIO())


def test_check_names_what_is_unsafe(settings):
    settings.DEBUG = True
    settings.SECRET_KEY = "secret"
    settings.ALLOWED_HOSTS = ["cmms.example.com"]
    settings.SESSION_COOKIE_SECURE = False
    err = io.StringIO()
    with pytest.raises(SystemCheckError) as caught:
        call_command("check", stdout=io.StringIO(), stderr=err)
    text = str(caught.value)
    for problem in ("wrench.E001", "wrench.E002", "wrench.E004"):
        assert problem in text
    assert "WRENCH_SECURE_COOKIES" in text


def test_check_passes_a_safe_local_setup(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    out = io.StringIO()
    call_command("check", stdout=out, stderr=io.StringIO())
    assert "wrench check: no errors" in out.getvalue()
