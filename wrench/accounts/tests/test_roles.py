"""Roles are groups holding the permissions the lifecycle table names."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

from wrench.accounts.roles import ROLE_PERMISSIONS, Role, ensure_roles

pytestmark = pytest.mark.django_db


def _perms(group: Group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_every_role_group_holds_its_default_permissions():
    ensure_roles()
    for role in Role:
        assert set(ROLE_PERMISSIONS[role]) <= _perms(Group.objects.get(name=role.value))


def test_an_admin_may_widen_a_role_and_a_removed_default_comes_back():
    ensure_roles()
    technician = Group.objects.get(name="technician")
    extra = Permission.objects.get(codename="reopen_work")
    technician.permissions.add(extra)
    technician.permissions.remove(Permission.objects.get(codename="complete_work"))
    ensure_roles()
    perms = _perms(technician)
    assert "workorders.reopen_work" in perms  # widened: kept
    assert "workorders.complete_work" in perms  # narrowed: restored


def test_a_person_sees_only_their_sites(site, other_site, make_user):
    person = make_user("planner", site)
    assert person.site_ids() == {site.pk}
