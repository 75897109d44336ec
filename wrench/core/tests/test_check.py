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


def _production_like(settings):
    """What an operator might deploy: a public name, secure cookies, a good key, DEBUG off."""
    settings.DEBUG = False
    settings.SECRET_KEY = "k" * 50
    settings.ALLOWED_HOSTS = ["cmms.example.com"]
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0


def _problems(settings) -> str:
    with pytest.raises(SystemCheckError) as caught:
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())
    return str(caught.value)


def test_check_fails_a_public_server_without_https_redirect_or_hsts(settings):
    _production_like(settings)
    text = _problems(settings)
    assert "wrench.E005" in text and "WRENCH_SSL_REDIRECT=true" in text
    assert "WRENCH_PROXY_SSL_HEADER" in text
    assert "wrench.E006" in text and "WRENCH_HSTS_SECONDS" in text


def test_check_fails_debug_and_a_default_key_on_a_public_server(settings):
    _production_like(settings)
    settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS = True, 31536000
    settings.DEBUG, settings.SECRET_KEY = True, "django-insecure-abc"
    text = _problems(settings)
    assert "wrench.E001" in text and "wrench.E002" in text
    assert "wrench.E005" not in text and "wrench.E006" not in text


def test_check_fails_a_missing_or_loosened_content_security_policy(settings):
    _production_like(settings)
    settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS = True, 31536000
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {"default-src": ["'self'"], "script-src": ["'self'", "'unsafe-inline'"]}
    }
    assert "script-src allows 'unsafe-inline'" in _problems(settings)
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "csp" not in m]
    assert "no Content-Security-Policy is sent" in _problems(settings)


def test_a_safe_public_server_passes(settings):
    _production_like(settings)
    settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS = True, 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    out = io.StringIO()
    call_command("check", stdout=out, stderr=io.StringIO())
    assert "wrench check: no errors" in out.getvalue()
