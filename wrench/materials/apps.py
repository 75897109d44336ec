from django.apps import AppConfig


class MaterialsConfig(AppConfig):
    name = "wrench.materials"
    label = "materials"
    verbose_name = "Materials and purchasing"
