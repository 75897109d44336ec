"""Domain queries on schedule items: loads per crew-day, a person's days."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Sum

if TYPE_CHECKING:
    from wrench.scheduling.models import ScheduleItem  # noqa: F401


class ScheduleItemQuerySet(models.QuerySet["ScheduleItem"]):
    def load_by_cell(self) -> dict[tuple[int, dt.date, int], Decimal]:
        """(crew id, day, trade id) → scheduled hours, summed in SQL."""
        rows: Any = self.values("crew_id", "day", "trade_id").annotate(h=Sum("hours")).order_by()
        return {(r["crew_id"], r["day"], r["trade_id"]): r["h"] for r in rows}

    def for_person(self, person_id: int, first: dt.date, last: dt.date) -> ScheduleItemQuerySet:
        return self.filter(people=person_id, day__gte=first, day__lte=last)
