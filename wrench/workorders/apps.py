from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class WorkOrdersConfig(AppConfig):
    name = "wrench.workorders"
    label = "workorders"
    verbose_name = "Work orders"

    def ready(self) -> None:
        from wrench.assets.models import Asset, Site
        from wrench.workorders.subtrees import forget_subtrees

        # The list filter remembers asset subtrees briefly: a change to the tree forgets them.
        for model in (Asset, Site):
            post_save.connect(forget_subtrees, sender=model, dispatch_uid=f"subtrees.{model}")
            post_delete.connect(forget_subtrees, sender=model, dispatch_uid=f"subtrees-d.{model}")
