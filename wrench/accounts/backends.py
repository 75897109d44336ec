"""Authentication backend: Django's, with a person's permissions read in one query.

Django's ModelBackend reads the permissions a person holds directly and those of their
roles (groups) in two queries, once per request. Every write of the API checks a
permission, so the two are read together here (a UNION); the set is cached on the user
object for the rest of the request as before.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


class WrenchBackend(ModelBackend):
    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            columns = ("content_type__app_label", "codename")
            if user_obj.is_superuser:
                perms = Permission.objects.values_list(*columns).order_by()
            else:
                perms = (
                    Permission.objects.filter(user=user_obj)
                    .values_list(*columns)
                    .order_by()
                    .union(
                        Permission.objects.filter(group__user=user_obj)
                        .values_list(*columns)
                        .order_by()
                    )
                )
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in perms}
        return user_obj._perm_cache
