from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "wrench.notifications"
    label = "notifications"
    verbose_name = "Notifications (outbox and inbox)"

    def ready(self) -> None:
        from wrench.notifications.effects import advise_assignee
        from wrench.workorders.models import WorkOrder
        from wrench.workorders.signals import work_order_assigned

        work_order_assigned.connect(advise_assignee, sender=WorkOrder, dispatch_uid="assignee")
