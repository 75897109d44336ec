"""Domain queries on materials, and the one definition of material readiness."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models
from django.db.models import DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

if TYPE_CHECKING:
    from wrench.materials.models import MaterialLine, Requisition  # noqa: F401

_QTY = DecimalField(max_digits=20, decimal_places=3)


def _zero() -> Value:
    return Value(Decimal(0), output_field=_QTY)


class MaterialLineQuerySet(models.QuerySet["MaterialLine"]):
    def reservations(self) -> MaterialLineQuerySet:
        """Stock lines still holding stock for their work order."""
        return self.filter(kind="stock", released=False)

    def direct(self) -> MaterialLineQuerySet:
        return self.filter(kind="direct")

    def with_cover(self) -> MaterialLineQuerySet:
        """Each line with `on_hand_now` (what its storeroom holds of the item) and `ahead`
        (the earlier open reservations of the same item there, served first)."""
        line_model: Any = apps.get_model("materials", "MaterialLine")
        level_model: Any = apps.get_model("materials", "StockLevel")
        same_place = {
            "stock_item_id": OuterRef("stock_item_id"),
            "storeroom_id": OuterRef("storeroom_id"),
        }
        on_hand = level_model.objects.filter(**same_place).values("on_hand")[:1]
        ahead = (
            line_model.objects.reservations()
            .filter(**same_place, id__lt=OuterRef("id"))
            .order_by()
            .values("stock_item_id")
            .annotate(total=Sum("quantity"))
            .values("total")
        )
        return self.annotate(
            on_hand_now=Coalesce(Subquery(on_hand, output_field=_QTY), _zero()),
            ahead=Coalesce(Subquery(ahead, output_field=_QTY), _zero()),
        )

    def outstanding(self) -> MaterialLineQuerySet:
        """Material not all there (the readiness rule, used by the lifecycle's → RS guard
        and by the reports): a direct purchase not fully received, or a stock reservation
        that the storeroom's quantity on hand does not cover after every earlier open
        reservation of the same item in the same storeroom (first come, first served)."""
        return self.with_cover().filter(
            Q(kind="direct", received__lt=F("quantity"))
            | Q(kind="stock", released=False, on_hand_now__lt=F("ahead") + F("quantity"))
        )


class RequisitionQuerySet(models.QuerySet["Requisition"]):
    def open(self) -> RequisitionQuerySet:
        return self.filter(status="open")

    def approved(self) -> RequisitionQuerySet:
        return self.filter(status="approved")
