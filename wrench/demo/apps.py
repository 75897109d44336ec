from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "wrench.demo"
    label = "demo"
    verbose_name = "Demo plant"
