from django.contrib import admin

from wrench.core.adminscope import SiteScoped
from wrench.scheduling import models


@admin.register(models.SchedulingSettings)
class SettingsAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ("site", "break_in_allowance_pct", "working_days", "day_hours")


@admin.register(models.CrewMember)
class CrewMemberAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ("crew", "person", "trade")
    list_filter = ("site", "crew")


@admin.register(models.Calendar)
class CalendarAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ("person", "mon", "tue", "wed", "thu", "fri", "sat", "sun")


@admin.register(models.Absence)
class AbsenceAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ("person", "kind", "starts", "ends", "hours_per_day")
    list_filter = ("site", "kind")


@admin.register(models.ShutdownWindow)
class ShutdownAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ("site", "kind", "area", "asset", "starts", "ends", "name")


@admin.register(models.ScheduleWeek)
class ScheduleWeekAdmin(SiteScoped, admin.ModelAdmin):
    list_display = ("site", "week", "status", "cut_off", "frozen_at")
    list_filter = ("site", "status")
