"""Authentication backend: Django's, with a person's permissions read in one query.

Django's ModelBackend reads the permissions a person holds directly and those of their
roles (groups) in two queries, once per request. Every write of the API checks a
permission, so the two are read together here (a UNION whose SQL is compiled once per
process); the set is cached on the user object for the rest of the request as before.
"""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db import connection

from wrench.core.fastpath import sql_of

_ANYONE = 0  # the user id the SQL is compiled with; each call binds the real one


@functools.cache
def _permissions_sql() -> tuple[str, int]:
    """(SQL, number of user-id parameters) of the UNION of direct and role permissions."""
    columns = ("content_type__app_label", "codename")
    direct = Permission.objects.filter(user=_ANYONE).values_list(*columns).order_by()
    by_role = Permission.objects.filter(group__user=_ANYONE).values_list(*columns).order_by()
    sql, params = sql_of(direct.union(by_role))
    assert all(p == _ANYONE for p in params), params
    return sql, len(params)


class WrenchBackend(ModelBackend):
    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                rows: Any = Permission.objects.values_list(
                    "content_type__app_label", "codename"
                ).order_by()
            else:
                sql, count = _permissions_sql()
                with connection.cursor() as cursor:
                    cursor.execute(sql, [user_obj.pk] * count)
                    rows = cursor.fetchall()
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in rows}
        return user_obj._perm_cache
