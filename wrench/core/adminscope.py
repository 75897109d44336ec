"""Django admin, limited to the sites of the person using it (NetBox's habit: scope the queryset,
then every view built on it — list, change, delete, history, popups — follows).

A superuser sees everything. Anyone else sees and edits only rows of their own sites
(`request.user.site_ids()`), and every choice of a related row (a select, a raw id, a filter in
the side bar) is limited the same way, so a row cannot be pointed at another site's area,
person or stock item either. How a model reaches its site is its admin's `site_path`
("site" by default; "pk" for the site itself, "sites" for people, "characteristic__site" …).
The test in wrench/tests/test_admin_scope.py holds every registered admin to this.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

# Related models that belong to no site and hold no plant data: offered as they are.
UNSITED = {"auth.permission", "contenttypes.contenttype", "auth.group"}


def site_ids(request: HttpRequest) -> set[int] | None:
    """The sites the admin may touch; None for a superuser (no limit)."""
    user: Any = request.user
    if user.is_superuser:
        return None
    return set(user.site_ids())


def site_path_of(model: type[models.Model], depth: int = 0) -> str | None:
    """How rows of `model` reach their site, as a lookup path; None when they do not."""
    registered = admin.site._registry.get(model)
    path = getattr(registered, "site_path", None)
    if path:
        return str(path)
    names = {f.name: f for f in model._meta.get_fields()}
    if "site" in names and names["site"].is_relation:
        return "site"
    if depth == 0:
        for field in model._meta.get_fields():
            if field.is_relation and field.many_to_one and field.concrete:
                inner = site_path_of(field.related_model, depth + 1)  # type: ignore[arg-type]
                if inner:
                    return f"{field.name}__{inner}"
    return None


def limit_to_sites(queryset: models.QuerySet[Any], ids: set[int] | None) -> models.QuerySet[Any]:
    if ids is None or queryset.model._meta.label_lower in UNSITED:
        return queryset
    path = site_path_of(queryset.model)
    if path is None:  # nothing says whose it is: offer nothing rather than everything
        return queryset.none()
    key = "pk__in" if path == "pk" else f"{path}__in"
    inner = queryset.model._default_manager.filter(**{key: ids}).values("pk")
    return queryset.filter(pk__in=inner)  # a subquery: no duplicates from a many-to-many path


class ScopedChoices:
    """Related-row choices limited to the admin's sites (for ModelAdmins and inlines)."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        related = db_field.related_model
        queryset = kwargs.get("queryset") or related._default_manager.all()
        kwargs["queryset"] = limit_to_sites(queryset, site_ids(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        related = db_field.related_model
        queryset = kwargs.get("queryset") or related._default_manager.all()
        kwargs["queryset"] = limit_to_sites(queryset, site_ids(request))
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class SiteScoped(ScopedChoices):
    """Mix into a ModelAdmin before admin.ModelAdmin: rows and choices of the admin's sites."""

    site_path = "site"

    def get_queryset(self, request: HttpRequest) -> Any:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        return limit_to_sites(queryset, site_ids(request))

    def get_list_filter(self, request: HttpRequest) -> Any:
        # A related filter lists only the values present in the (scoped) list, so the side bar
        # does not name another site's areas or people.
        filters = super().get_list_filter(request)  # type: ignore[misc]
        if site_ids(request) is None:
            return filters
        model: Any = self.model  # type: ignore[attr-defined]
        scoped: list[Any] = []
        for entry in filters:
            if isinstance(entry, str) and _is_relation(model, entry):
                scoped.append((entry, admin.RelatedOnlyFieldListFilter))
            else:
                scoped.append(entry)
        return scoped


class ScopedInline(ScopedChoices):
    """Mix into an inline: its rows follow the parent; its own choices are limited."""


def _is_relation(model: type[models.Model], path: str) -> bool:
    field: Any = None
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except Exception:
            return False
        if not field.is_relation:
            return False
        model = field.related_model
    return field is not None
