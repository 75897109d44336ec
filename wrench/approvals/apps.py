from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "wrench.approvals"
    label = "approvals"
    verbose_name = "Approval routing"

    def ready(self) -> None:
        from wrench.approvals import routing
        from wrench.workorders.signals import work_order_transitioned

        # Entering WA or WL routes the work order to its approver, whatever caused the move
        # (a supervisor, or planning pushing the estimate past the variance).
        work_order_transitioned.connect(
            routing.route_on_transition, dispatch_uid="wrench.approvals.route"
        )
