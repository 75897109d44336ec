from typing import Any

from django.contrib import admin, messages
from django.db.models.deletion import ProtectedError
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from wrench.assets.models import Site
from wrench.coding.models import Characteristic, CodeValue
from wrench.core.adminscope import ScopedInline, SiteScoped
from wrench.core.errors import Conflict


class CodeValueInline(ScopedInline, admin.TabularInline):
    model = CodeValue
    fields = [
        "abbreviation",
        "value",
        "definition",
        "process_effect",
        "effect_keys",
        "parent",
        "is_default",
        "active",
        "position",
    ]
    extra = 0
    can_delete = False  # deactivate instead; a used value can never be deleted


@admin.register(Characteristic)
class CharacteristicAdmin(SiteScoped, SimpleHistoryAdmin):
    list_display = ["name", "key", "required", "active", "site"]
    list_filter = ["site", "required", "active"]
    inlines = [CodeValueInline]


@admin.register(CodeValue)
class CodeValueAdmin(SiteScoped, SimpleHistoryAdmin):
    site_path = "characteristic__site"
    list_display = ["abbreviation", "value", "characteristic", "is_default", "active"]
    list_filter = ["characteristic__site", "characteristic", "active"]
    search_fields = ["abbreviation", "value", "definition"]
    actions = ["deactivate"]

    @admin.action(description="Deactivate (keep on work orders, hide from new choices)")
    def deactivate(self, request: HttpRequest, queryset: Any) -> None:
        from wrench.coding.services import set_value_active

        for value in queryset:
            set_value_active(value=value, active=False)

    def delete_model(self, request: HttpRequest, obj: CodeValue) -> None:
        from wrench.coding.services import delete_value

        try:
            delete_value(value=obj)
        except (Conflict, ProtectedError) as exc:
            self.message_user(request, str(exc), messages.ERROR)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


# The site's admin lives with coding, not assets: a site added here gets the spec's default
# coding at once (coding.services.create_site), which assets, below coding, cannot give it.
@admin.register(Site)
class SiteAdmin(SiteScoped, admin.ModelAdmin):
    site_path = "pk"
    list_display = ["code", "name", "closing_delay_days", "allowed_variance_pct"]
    readonly_fields = ["last_work_order_seq"]

    def save_model(self, request: HttpRequest, obj: Site, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        from wrench.coding.services import create_site

        fields = {
            name: form.cleaned_data[name]
            for name in form.cleaned_data
            if name not in ("code", "name")
        }
        created = create_site(actor=request.user, code=obj.code, name=obj.name, **fields)
        obj.pk = created.pk
        obj.refresh_from_db()
