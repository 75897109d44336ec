"""Wrench's deployment checks, run by `wrench check` beside Django's `check --deploy`.

Each says what is unsafe and how to fix it with an environment variable.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

LOCAL = {"127.0.0.1", "localhost", "[::1]", "::1", "testserver"}
_WEAK_KEYS = {"", "secret", "changeme", "change-me", "wrench", "django-insecure"}


@register("wrench", deploy=True)
def settings_are_safe(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    problems: list[Any] = []
    if settings.DEBUG:
        problems.append(
            Error(
                "DEBUG is on: error pages show settings and code to anyone",
                hint="unset WRENCH_DEBUG (or set it to false)",
                id="wrench.E001",
            )
        )
    key = str(settings.SECRET_KEY)
    if key.lower() in _WEAK_KEYS or key.startswith("django-insecure") or len(key) < 40:
        problems.append(
            Error(
                "the secret key is a default or too short (under 40 characters)",
                hint="set WRENCH_SECRET_KEY to 50 random characters, or unset it to generate one",
                id="wrench.E002",
            )
        )
    hosts = set(settings.ALLOWED_HOSTS)
    if "*" in hosts or not hosts:
        problems.append(
            Error(
                f"ALLOWED_HOSTS is {sorted(hosts)}: the server answers to any host name",
                hint="set WRENCH_ALLOWED_HOSTS to the names users type, e.g. cmms.example.com",
                id="wrench.E003",
            )
        )
    public = hosts - LOCAL
    if public and not (settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE):
        problems.append(
            Error(
                f"served to {', '.join(sorted(public))} but cookies may travel without HTTPS",
                hint="serve over HTTPS and set WRENCH_SECURE_COOKIES=true",
                id="wrench.E004",
            )
        )
    if public:
        problems += _https_problems(sorted(public))
    problems += _csp_problems()
    return problems


def _https_problems(public: list[str]) -> list[Any]:
    """A server reached by a public name must insist on HTTPS and tell browsers to keep to it."""
    problems: list[Any] = []
    where = ", ".join(public)
    if not settings.SECURE_SSL_REDIRECT:
        problems.append(
            Error(
                f"served to {where} but plain HTTP requests are not redirected to HTTPS",
                hint="set WRENCH_SSL_REDIRECT=true (behind a proxy that terminates TLS, also "
                "WRENCH_PROXY_SSL_HEADER=X-Forwarded-Proto so Django sees the request as HTTPS)",
                id="wrench.E005",
            )
        )
    if not settings.SECURE_HSTS_SECONDS:
        problems.append(
            Error(
                f"served to {where} without HSTS: a browser may be talked into plain HTTP",
                hint="set WRENCH_HSTS_SECONDS=31536000 (start with 3600 while trying it out)",
                id="wrench.E006",
            )
        )
    return problems


def _csp_problems() -> list[Any]:
    directives = (getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}).get("DIRECTIVES", {})
    if "csp.middleware.CSPMiddleware" not in settings.MIDDLEWARE or not directives:
        return [
            Error(
                "no Content-Security-Policy is sent",
                hint="keep csp.middleware.CSPMiddleware and CONTENT_SECURITY_POLICY as "
                "wrench/settings.py has them",
                id="wrench.E007",
            )
        ]
    loose = [
        f"{name} allows {value}"
        for name in ("default-src", "script-src", "style-src")
        for value in directives.get(name, [])
        if value in ("'unsafe-inline'", "'unsafe-eval'", "*") or str(value).startswith("http:")
    ]
    if loose:
        return [
            Error(
                "the Content-Security-Policy is loosened: " + "; ".join(loose),
                hint="Wrench needs no inline script or style; remove these sources",
                id="wrench.E008",
            )
        ]
    return []


@register("wrench", deploy=True)
def database_is_ready(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        return [
            Error(
                f"the database is not reachable: {exc}",
                hint="check DATABASE_URL and that the database server is running",
                id="wrench.E010",
            )
        ]
    if pending:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in pending[:5])
        return [
            Error(
                f"{len(pending)} migration(s) not applied: {names}",
                hint="run `wrench migrate`",
                id="wrench.E011",
            )
        ]
    return []


__all__ = ["database_is_ready", "settings_are_safe"]
