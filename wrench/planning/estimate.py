"""The work order's estimate, rolled up from its labour estimates and material lines."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, ExpressionWrapper, F, QuerySet, Sum

from wrench.accounts.models import User
from wrench.materials.models import MaterialLine
from wrench.planning.models import LabourEstimate
from wrench.workorders.models import WorkOrder

CENT = Decimal("0.01")


def _sum(qs: QuerySet[Any], expression: Any) -> Decimal:
    money = ExpressionWrapper(
        expression, output_field=DecimalField(max_digits=20, decimal_places=5)
    )
    return qs.aggregate(total=Sum(money))["total"] or Decimal(0)


def planned(work_order_id: int) -> tuple[Decimal, Decimal]:
    """(hours, cost): labour at the trades' hourly rates plus material at unit cost."""
    labour = LabourEstimate.objects.filter(work_order_id=work_order_id)
    hours = _sum(labour, F("people") * F("hours_each"))
    labour_cost = _sum(labour, F("people") * F("hours_each") * F("trade__hourly_rate"))
    material = _sum(
        MaterialLine.objects.filter(work_order_id=work_order_id), F("quantity") * F("unit_cost")
    )
    return hours.quantize(CENT), (labour_cost + material).quantize(CENT)


def roll_up(wo: WorkOrder, *, actor: User, cause: str) -> WorkOrder:
    """Write the rolled-up estimate on `wo` (locked by the caller). Approved work whose
    estimate now exceeds the approved amount plus the allowed variance goes to WL (system),
    by the lifecycle table's → WL row.
    """
    from wrench.workorders.services import recheck_approval

    wo.refresh_from_db(fields=["status", "approved_amount"])  # earlier effects may have moved it
    wo.estimated_hours, wo.estimated_cost = planned(wo.pk)
    wo._history_user = actor  # type: ignore[attr-defined]
    wo.save(update_fields=["estimated_hours", "estimated_cost", "updated_at"])
    return recheck_approval(wo, cause=cause)
