"""The roles (accounts) hold the permissions the lifecycle table names for them."""

from __future__ import annotations

import pytest

from wrench.accounts.roles import ROLE_PERMISSIONS, ensure_roles
from wrench.workorders import lifecycle

pytestmark = pytest.mark.django_db


def test_the_roles_named_in_the_lifecycle_table_hold_its_permissions():
    ensure_roles()
    for rule in lifecycle.TABLE:
        for role in rule.roles:
            assert f"workorders.{rule.permission}" in ROLE_PERMISSIONS[role], (role, rule.to)
