from django.apps import AppConfig


class LaborConfig(AppConfig):
    name = "wrench.labor"
    label = "labor"
    verbose_name = "Labour: time charged to work orders"
