from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wrench.core"
    label = "core"
    verbose_name = "Wrench"

    def ready(self) -> None:
        from wrench.core import checks  # noqa: F401  (registers the deployment checks)
