from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "wrench.demo"
    label = "demo"
    verbose_name = "Demo plant"

    def ready(self) -> None:
        from wrench.demo import checks  # noqa: F401  (registers the demo logins' warning)
