"""Labour as reports read it: charged (actual) hours and estimated hours, in SQL.

The one module that knows the labour models, so every KPI follows them. Charged hours
are `labor.TimeCharge` rows (one person, one day, hours); a charge counts in the week of
its date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import DecimalField, Exists, F, OuterRef, QuerySet, Subquery, Sum

from wrench.labor.models import TimeCharge
from wrench.planning.models import LabourEstimate

if TYPE_CHECKING:
    from wrench.workorders.models import WorkOrder

HOURS = DecimalField(max_digits=12, decimal_places=2)
ZERO = Decimal(0)


def charged_hours() -> Any:
    """Per work order row: labour hours charged to it (None when nothing was charged)."""
    return Subquery(
        TimeCharge.objects.filter(work_order_id=OuterRef("pk"))
        .order_by()
        .values("work_order_id")
        .annotate(h=Sum("hours"))
        .values("h")[:1],
        output_field=HOURS,
    )


def charges(
    qs: QuerySet[WorkOrder], start: dt.date | None = None, end: dt.date | None = None
) -> QuerySet[Any] | None:
    """Time charges on the work orders in `qs` dated in [start, end) (all dates if not given).

    With dates, the charges of the period lead (index on the date) and each is checked
    against `qs` by its work order's key: an `IN (subquery)` would first list every work
    order of the sites (a million at a large plant) to find a few weeks of charges."""
    if start is None and end is None:
        found = TimeCharge.objects.filter(work_order_id__in=qs.values("pk"))
    else:
        found = TimeCharge.objects.filter(Exists(qs.filter(pk=OuterRef("work_order_id"))))
    if start is not None:
        found = found.filter(date__gte=start)
    if end is not None:
        found = found.filter(date__lt=end)
    return found


def charged_on(qs: QuerySet[WorkOrder], **groups: Any) -> list[dict[str, Any]]:
    """Σ hours of every charge (whatever its date) on the work orders in `qs`, grouped by
    expressions over a work order; each row has the group keys and `h`. The work orders
    lead and their charges are joined by key: `charge.work_order IN (subquery)` listed the
    work orders first (a year of a large plant's completed work)."""
    found: QuerySet[Any] = qs.filter(time_charges__isnull=False).values(**groups)
    return list(found.annotate(h=Sum("time_charges__hours")).order_by())


def charged_sum(
    qs: QuerySet[WorkOrder], start: dt.date, end: dt.date, **groups: Any
) -> list[dict[str, Any]]:
    """Σ hours of charges dated in [start, end) on `qs`, grouped by expressions over a
    charge (`work_order__…`); each row has the group keys and `hours`."""
    found = charges(qs, start, end)
    if found is None:
        return []
    return list(found.values(**groups).annotate(hours=Sum("hours")).order_by())


def hours_by_trade(qs: QuerySet[WorkOrder]) -> dict[str | None, Decimal]:
    """Trade code → estimated hours of the work orders in `qs`: their labour estimates
    (people × hours each, by the estimate's trade), and for work without any estimate
    the work order's own estimated hours under its trade. Two GROUP BYs."""
    planned = (
        LabourEstimate.objects.filter(work_order_id__in=qs.values("pk"))
        .values(code=F("trade__code"))
        .annotate(h=Sum(F("people") * F("hours_each"), output_field=HOURS))
        .order_by()
    )
    out: dict[str | None, Decimal] = {r["code"]: r["h"] or ZERO for r in planned}
    rough = (
        qs.exclude(Exists(LabourEstimate.objects.filter(work_order_id=OuterRef("pk"))))
        .values(code=F("trade__code"))
        .annotate(h=Sum("estimated_hours"))
        .order_by()
    )
    for r in rough:
        out[r["code"]] = out.get(r["code"], ZERO) + (r["h"] or ZERO)
    return out


def estimated_sum(qs: QuerySet[WorkOrder]) -> Decimal:
    return qs.aggregate(h=Sum("estimated_hours"))["h"] or ZERO
