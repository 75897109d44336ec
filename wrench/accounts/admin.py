"""People in Django admin. A site's admin (not a superuser) manages the people of their own sites
only, grants roles from the role list, and never superuser, staff or raw permissions: staff
status follows the admin role. Everything else a superuser does as Django allows."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest

from wrench.accounts.models import User
from wrench.accounts.roles import Role
from wrench.core.adminscope import SiteScoped, site_ids

SUPERUSER_ONLY = ("is_superuser", "is_staff", "user_permissions")


@admin.register(User)
class WrenchUserAdmin(SiteScoped, UserAdmin):
    site_path = "sites"
    list_display = ["username", "first_name", "last_name", "email", "approval_limit", "is_active"]
    list_filter = ["groups", "sites", "is_active"]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Wrench", {"fields": ("sites", "approval_limit", "trade")}),
    )
    add_fieldsets = (
        *(UserAdmin.add_fieldsets or ()),
        ("Wrench", {"fields": ("email", "groups", "sites")}),
    )
    filter_horizontal = ["groups", "user_permissions", "sites"]

    def get_queryset(self, request: HttpRequest) -> Any:
        queryset = super().get_queryset(request)
        mine = site_ids(request)
        if mine is None:
            return queryset
        # Only people every one of whose sites is the admin's: editing someone who also works
        # elsewhere (their password, their roles) would reach into the other site.
        elsewhere = User.sites.through.objects.exclude(site_id__in=mine).values("user_id")
        return queryset.filter(is_superuser=False).exclude(pk__in=elsewhere)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = tuple(super().get_readonly_fields(request, obj))
        if site_ids(request) is None:
            return fields
        return fields + SUPERUSER_ONLY

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "groups" and site_ids(request) is not None:
            kwargs["queryset"] = Group.objects.filter(name__in=Role.values)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if site_ids(request) is not None and change:
            # Groups outside the role list are not offered, so the form would drop them: keep.
            request._kept_groups = list(  # type: ignore[attr-defined]
                obj.groups.exclude(name__in=Role.values)
            )
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        mine = site_ids(request)
        if mine is None:
            return
        person: User = form.instance
        person.groups.add(*getattr(request, "_kept_groups", []))
        if not person.sites.exists():  # someone added here works at the admin's sites
            person.sites.add(*mine)
        staff = person.groups.filter(name=Role.ADMIN).exists()
        if person.is_staff != staff:
            person.is_staff = staff
            person.save(update_fields=["is_staff"])


admin.site.unregister(Group)


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """Roles are shared by every site: only a superuser widens or adds them."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(getattr(request.user, "is_superuser", False))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(getattr(request.user, "is_superuser", False))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(getattr(request.user, "is_superuser", False))
