from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "wrench.home"
    label = "home"
    verbose_name = "Start page"
