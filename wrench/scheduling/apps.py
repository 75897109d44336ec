from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "wrench.scheduling"
    label = "scheduling"
    verbose_name = "Scheduling: crews, calendars, shutdown windows, the weekly schedule"
