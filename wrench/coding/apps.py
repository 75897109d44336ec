from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CodingConfig(AppConfig):
    name = "wrench.coding"
    label = "coding"
    verbose_name = "Work order coding"

    def ready(self) -> None:
        from wrench.coding.models import Characteristic, CodeValue

        # Cache invalidation is cross-cutting: whatever saves coding (services, admin,
        # fixtures) must bump the site's coding version.
        for model in (Characteristic, CodeValue):
            post_save.connect(
                _coding_saved, sender=model, dispatch_uid=f"coding-{model.__name__}-save"
            )
            post_delete.connect(
                _coding_saved, sender=model, dispatch_uid=f"coding-{model.__name__}-delete"
            )
        from wrench.assets.models import Site

        post_save.connect(_site_saved, sender=Site, dispatch_uid="coding-site-save")
        post_delete.connect(_site_saved, sender=Site, dispatch_uid="coding-site-delete")


def _coding_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    from wrench.coding.book import coding_changed

    site_id = getattr(instance, "site_id", None) or instance.characteristic.site_id
    coding_changed(site_id)


def _site_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    from wrench.coding.book import forget_site

    forget_site(instance.pk)
