from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "wrench.notifications"
    label = "notifications"
    verbose_name = "Notifications (outbox)"

    def ready(self) -> None:
        from wrench.notifications import outbox
        from wrench.workorders.signals import work_order_transitioned

        # Cross-cutting: the outbox row is written in the transaction of the transition,
        # so a rolled-back change tells nobody.
        work_order_transitioned.connect(outbox.on_transition, dispatch_uid="wrench.notify")
