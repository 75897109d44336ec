from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "wrench.notifications"
    label = "notifications"
    verbose_name = "Notifications (outbox)"
