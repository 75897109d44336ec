from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "wrench.imports"
    label = "imports"
    verbose_name = "Imports from a legacy CMMS"
