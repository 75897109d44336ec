from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wrench.assets.models import Area, Asset, CostCentre, Crew, EquipmentType, Site, Trade


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "closing_delay_days", "allowed_variance_pct"]
    readonly_fields = ["last_work_order_seq"]


@admin.register(Area, CostCentre, EquipmentType)
class SiteListAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "site"]
    list_filter = ["site"]
    search_fields = ["code", "name"]


@admin.register(Trade)
class TradeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "hourly_rate", "site"]
    list_filter = ["site"]


@admin.register(Crew)
class CrewAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "area", "size", "site"]
    list_filter = ["site"]


@admin.register(Asset)
class AssetAdmin(SimpleHistoryAdmin):
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
