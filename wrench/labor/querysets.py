"""Domain queries on time charges: actual hours, by work order and by trade."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Sum

if TYPE_CHECKING:
    from wrench.labor.models import TimeCharge  # noqa: F401


class TimeChargeQuerySet(models.QuerySet["TimeCharge"]):
    def total_hours(self) -> Decimal:
        return self.aggregate(h=Sum("hours"))["h"] or Decimal(0)

    def hours_by_trade(self) -> dict[str, Decimal]:
        rows = self.values("trade__code").annotate(h=Sum("hours")).order_by("trade__code")
        return {r["trade__code"]: r["h"] for r in rows}
