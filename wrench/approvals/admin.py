from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from wrench.approvals.models import Approval, ApprovalRule
from wrench.core.adminscope import SiteScoped


@admin.register(ApprovalRule)
class ApprovalRuleAdmin(SiteScoped, admin.ModelAdmin):
    list_display = [
        "site",
        "cost_centre",
        "min_amount",
        "max_amount",
        "approver_role",
        "approver",
        "active",
    ]
    list_filter = ["site", "active", "approver_role"]


@admin.register(Approval)
class ApprovalAdmin(SiteScoped, admin.ModelAdmin):
    """Read-only: approvals are written by routing and decided through the lifecycle."""

    list_display = [
        "work_order",
        "reapproval",
        "amount",
        "approver_label",
        "decision",
        "decided_by",
        "decided_at",
    ]
    list_filter = ["site", "decision", "reapproval"]
    raw_id_fields = ["work_order"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
