"""Material readiness of a work order, as one SQL expression for the reports.

The rule is the lifecycle's (→ RS needs nothing outstanding): `MaterialLine.objects
.outstanding()`, read here per work order, so the report and the automatic WM → RS move
cannot disagree.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Case, CharField, Exists, OuterRef, Q, Value, When

from wrench.materials.models import MaterialLine
from wrench.workorders.status import Status

READY = "ready"
WAITING = "waiting"
NONE = "no material"
EXPLANATION = (
    "Materials: ready = every line on hand (direct purchases received, stock reservations "
    "covered after earlier reservations of the same item); waiting = something outstanding "
    "or the work order is WM; no material = nothing planned."
)


def material_state() -> Any:
    lines = MaterialLine.objects.filter(work_order_id=OuterRef("pk"))
    return Case(
        When(Q(status=Status.WM) | Exists(lines.outstanding()), then=Value(WAITING)),
        When(Exists(lines), then=Value(READY)),
        default=Value(NONE),
        output_field=CharField(),
    )
