from typing import Any

from django.contrib import admin, messages
from django.db.models.deletion import ProtectedError
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from wrench.coding.models import Characteristic, CodeValue
from wrench.core.errors import Conflict


class CodeValueInline(admin.TabularInline):
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
class CharacteristicAdmin(SimpleHistoryAdmin):
    list_display = ["name", "key", "required", "active", "site"]
    list_filter = ["site", "required", "active"]
    inlines = [CodeValueInline]


@admin.register(CodeValue)
class CodeValueAdmin(SimpleHistoryAdmin):
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
