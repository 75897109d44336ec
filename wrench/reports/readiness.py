"""Material readiness of a work order, as one SQL expression."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, CharField, Value, When

from wrench.workorders.status import Status

READY = "ready"
WAITING = "waiting"
NOT_PLANNED = "not planned"
EXPLANATION = (
    "Materials: ready = status RS or SC (all material on hand); waiting = WM; "
    "not planned = planning has not settled the material yet."
)


def material_state() -> Any:
    return Case(
        When(status__in=[Status.RS, Status.SC, Status.IP], then=Value(READY)),
        When(status=Status.WM, then=Value(WAITING)),
        default=Value(NOT_PLANNED),
        output_field=CharField(),
    )
