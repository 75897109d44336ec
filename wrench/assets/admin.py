from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wrench.assets.models import Area, Asset, CostCentre, Crew, EquipmentType, Trade
from wrench.core.adminscope import SiteScoped


@admin.register(Area, CostCentre, EquipmentType)
class SiteListAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ["code", "name", "site"]
    list_filter = ["site"]
    search_fields = ["code", "name"]


@admin.register(Trade)
class TradeAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ["code", "name", "hourly_rate", "site"]
    list_filter = ["site"]


@admin.register(Crew)
class CrewAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ["code", "name", "area", "size", "site"]
    list_filter = ["site"]


@admin.register(Asset)
class AssetAdmin(SiteScoped, SimpleHistoryAdmin):
    list_display = [
        "code",
        "name",
        "parent",
        "area",
        "equipment_type",
        "criticality",
        "warranty_end",
        "active",
    ]
    list_filter = ["site", "area", "equipment_type", "criticality", "active"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    list_select_related = ["parent", "area", "equipment_type"]
