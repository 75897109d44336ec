"""Shared test fixtures: a site with the spec's coding, and one named user per role."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from wrench.accounts.models import User
from wrench.accounts.roles import Role, ensure_roles
from wrench.assets.models import Site
from wrench.testing import factories


@pytest.fixture
def site(db: Any) -> Site:
    return factories.coded_site("NORTH")


@pytest.fixture
def other_site(db: Any) -> Site:
    return factories.coded_site("SOUTH")


@pytest.fixture
def make_user(db: Any) -> Callable[..., User]:
    ensure_roles()

    def make(role: str, site: Site, username: str | None = None, **extra: Any) -> User:
        return factories.user(role, site, username=username, **extra)

    return make


@pytest.fixture
def people(site: Site, make_user: Callable[..., User]) -> dict[str, User]:
    """One user per role at `site`, named after the role (supervisor may approve 5000)."""
    limits = {Role.SUPERVISOR: Decimal(5000), Role.MANAGER: None}
    return {
        role.value: make_user(role.value, site, approval_limit=limits.get(role, Decimal(0)))
        for role in Role
    }


@pytest.fixture
def on_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _attachments_in_tmp(settings: Any, tmp_path: Any, monkeypatch: Any) -> None:
    # Each test stores its uploads in its own directory, never in the worktree's var/.
    from django.core.files.storage import storages

    from wrench.workorders.attachments import Attachment

    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "attachments"), "base_url": None},
        },
    }
    # A FileField resolves its storage callable once, when the model is defined: point the
    # attachment's fields at this test's storage too (else they write to var/attachments).
    for name in ("file", "thumbnail"):
        monkeypatch.setattr(Attachment._meta.get_field(name), "storage", storages["attachments"])


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Real hashing is slow on purpose; tests create many users and prove nothing by it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Browser fixtures (Playwright + Debian's Chromium) for tests marked `browser`.
from wrench.testing.browser import browser, login  # noqa: E402, F401


@pytest.fixture
def api_as(live_server: Any) -> Callable[[User], Any]:
    """api_as(user) → a client that sends the user's personal token over real HTTP."""
    from wrench.testing.http import ApiClient

    return lambda user: ApiClient(live_server.url, user)
