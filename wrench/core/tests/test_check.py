"""`wrench check`: Django's deployment checks plus Wrench's, each naming the fix."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

pytestmark = pytest.mark.django_db


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
