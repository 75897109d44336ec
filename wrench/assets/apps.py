from django.apps import AppConfig


class AssetsConfig(AppConfig):
    name = "wrench.assets"
    label = "assets"
    verbose_name = "Sites and equipment"
