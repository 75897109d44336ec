from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wrench.core"
    label = "core"
    verbose_name = "Wrench"
