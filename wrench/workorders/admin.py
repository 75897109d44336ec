from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from wrench.core.adminscope import ScopedInline, SiteScoped
from wrench.workorders.models import Comment, WorkOrder, WorkOrderEvent


class EventInline(ScopedInline, admin.TabularInline):
    model = WorkOrderEvent
    fields = ("at", "from_status", "to_status", "actor", "automatic", "reason")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WorkOrder)
class WorkOrderAdmin(SiteScoped, SimpleHistoryAdmin):
    """Read-only: work orders change through the lifecycle services, never by raw edits."""

    list_display = ["number", "title", "status", "urgency", "priority", "asset", "requested_at"]
    list_filter = ["site", "status", "emergency"]
    search_fields = ["number", "title"]
    list_select_related = ["urgency", "asset"]
    inlines = [EventInline]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Comment)
class CommentAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ["work_order", "author", "created_at"]
    raw_id_fields = ["work_order"]
