from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "wrench.approvals"
    label = "approvals"
    verbose_name = "Approval routing"
