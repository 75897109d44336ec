from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from wrench.core.adminscope import SiteScoped
from wrench.labor.models import TimeCharge


@admin.register(TimeCharge)
class TimeChargeAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ["work_order", "person", "trade", "date", "hours", "entered_by"]
    list_filter = ["site", "trade", "date"]
    raw_id_fields = ["work_order"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # time is charged through labor.services (status effects, limits)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
