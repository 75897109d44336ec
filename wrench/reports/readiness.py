"""Material readiness of a work order, as one SQL expression over its material lines.

Mirrors materials.readiness (which decides RS/WM): a direct purchase is outstanding until
fully received; a stock reservation is short when the storeroom holds less than it needs.
(The first-come-first-served queue between reservations is left to the WM status.)
"""

from __future__ import annotations

from typing import Any

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)

from wrench.materials.models import LineKind, MaterialLine, StockLevel
from wrench.workorders.status import Status

READY = "ready"
WAITING = "waiting"
NONE = "no material"
EXPLANATION = (
    "Materials: ready = every line on hand (direct purchases received, stock reservations "
    "covered); waiting = something outstanding or the work order is WM; no material = "
    "nothing planned."
)


def material_state() -> Any:
    on_hand = StockLevel.objects.filter(
        stock_item_id=OuterRef("stock_item_id"), storeroom_id=OuterRef("storeroom_id")
    ).values("on_hand")[:1]
    lines = MaterialLine.objects.filter(work_order_id=OuterRef("pk"))
    short_stock = (
        lines.filter(kind=LineKind.STOCK, released=False)
        .annotate(have=Subquery(on_hand))
        .filter(Q(have__isnull=True) | Q(have__lt=F("quantity")))
    )
    open_direct = lines.filter(kind=LineKind.DIRECT, received__lt=F("quantity"))
    return Case(
        When(Q(status=Status.WM) | Exists(open_direct) | Exists(short_stock), then=Value(WAITING)),
        When(Exists(lines), then=Value(READY)),
        default=Value(NONE),
        output_field=CharField(),
    )
