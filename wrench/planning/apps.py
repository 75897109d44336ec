from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "wrench.planning"
    label = "planning"
    verbose_name = "Planning: labour estimates and job plans"
