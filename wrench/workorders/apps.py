from django.apps import AppConfig


class WorkOrdersConfig(AppConfig):
    name = "wrench.workorders"
    label = "workorders"
    verbose_name = "Work orders"
