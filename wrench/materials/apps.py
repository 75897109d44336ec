from django.apps import AppConfig


class MaterialsConfig(AppConfig):
    name = "wrench.materials"
    label = "materials"
    verbose_name = "Materials and purchasing"

    def ready(self) -> None:
        from wrench.materials import readiness
        from wrench.workorders import lifecycle

        # → RS (by a planner or the system) needs every material on hand: registered here so
        # the lifecycle table checks it without knowing about stock.
        if readiness.materials_on_hand not in lifecycle.READINESS_CHECKS:
            lifecycle.READINESS_CHECKS.append(readiness.materials_on_hand)
        from wrench.workorders.signals import work_order_transitioned

        work_order_transitioned.connect(
            readiness.release_on_transition, dispatch_uid="wrench.materials.release"
        )
