from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from wrench.core.adminscope import ScopedInline, SiteScoped
from wrench.materials.models import (
    MaterialLine,
    Receipt,
    Requisition,
    RequisitionLine,
    StockItem,
    StockLevel,
    Storeroom,
)


class ReadOnly(SiteScoped, admin.ModelAdmin):
    """Quantities change only through the materials services (locks, automatic moves)."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Storeroom)
class StoreroomAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ["code", "name", "site"]
    list_filter = ["site"]


class LevelInline(ScopedInline, admin.TabularInline):
    model = StockLevel
    fields = readonly_fields = ("storeroom", "on_hand", "reserved")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(StockItem)
class StockItemAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ["code", "name", "unit", "unit_cost", "site"]
    list_filter = ["site"]
    search_fields = ["code", "name"]
    inlines = [LevelInline]


@admin.register(MaterialLine)
class MaterialLineAdmin(ReadOnly):
    list_display = [
        "work_order",
        "kind",
        "description",
        "quantity",
        "received",
        "storeroom",
        "released",
    ]
    list_filter = ["kind", "released"]
    raw_id_fields = ["work_order"]


class RequisitionLineInline(ScopedInline, admin.TabularInline):
    model = RequisitionLine
    fields = readonly_fields = (
        "description",
        "quantity",
        "unit_cost",
        "received",
        "stock_item",
        "storeroom",
    )
    extra = 0
    can_delete = False


@admin.register(Requisition)
class RequisitionAdmin(ReadOnly):
    list_display = ["number", "work_order", "status", "raised_by", "raised_at", "decided_by"]
    list_filter = ["site", "status"]
    search_fields = ["number"]
    inlines = [RequisitionLineInline]


@admin.register(Receipt)
class ReceiptAdmin(ReadOnly):
    list_display = ["line", "quantity", "received_by", "received_at"]
