"""Permissions come from roles and direct grants, read in one query per request."""

from __future__ import annotations

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from wrench.accounts.models import User


@pytest.mark.django_db
def test_role_and_direct_permissions_are_read_together(people, django_assert_num_queries):
    technician = people["technician"]
    technician.user_permissions.add(Permission.objects.get(codename="close_workorder"))
    fresh = User.objects.get(pk=technician.pk)
    with django_assert_num_queries(1):
        assert fresh.has_perm("workorders.close_workorder")  # granted directly
        assert fresh.has_perm("workorders.complete_work")  # from the technician role
        assert not fresh.has_perm("workorders.plan_workorder")
    assert fresh.get_all_permissions() == ModelBackend().get_all_permissions(
        User.objects.get(pk=technician.pk)
    )
