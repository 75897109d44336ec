from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "wrench.reports"
    label = "reports"
    verbose_name = "Reports and KPIs"
