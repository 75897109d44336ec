from django.apps import AppConfig


class CodingConfig(AppConfig):
    name = "wrench.coding"
    label = "coding"
    verbose_name = "Work order coding"
