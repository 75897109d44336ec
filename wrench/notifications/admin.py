from django.contrib import admin
from django.http import HttpRequest

from wrench.core.adminscope import SiteScoped
from wrench.notifications.models import Message


@admin.register(Message)
class MessageAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ["subject", "recipient", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["site", "status"]
    readonly_fields = ["event", "work_order"]
    search_fields = ["subject"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
