from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from wrench.core.adminscope import ScopedInline, SiteScoped
from wrench.planning.models import (
    JobPlan,
    JobPlanLabour,
    JobPlanMaterial,
    JobPlanTask,
    JobPlanUse,
    LabourEstimate,
)


class TaskInline(ScopedInline, admin.TabularInline):
    model = JobPlanTask
    extra = 1


class LabourInline(ScopedInline, admin.TabularInline):
    model = JobPlanLabour
    extra = 1


class MaterialInline(ScopedInline, admin.TabularInline):
    model = JobPlanMaterial
    extra = 1
    raw_id_fields = ["stock_item"]


@admin.register(JobPlan)
class JobPlanAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ["code", "name", "site", "equipment_type", "active"]
    list_filter = ["site", "active"]
    search_fields = ["code", "name"]
    inlines = [TaskInline, LabourInline, MaterialInline]


@admin.register(LabourEstimate)
class LabourEstimateAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ["work_order", "trade", "crew", "people", "hours_each"]
    raw_id_fields = ["work_order"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the estimate rolls up only through planning services

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(JobPlanUse)
class JobPlanUseAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ["job_plan", "work_order", "applied_by", "applied_at", "feedback_at"]
    list_filter = ["job_plan"]
    raw_id_fields = ["work_order"]
