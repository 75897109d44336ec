"""The asset page's PM section: the asset's meters and plans (assets finds it by name)."""

from __future__ import annotations

from typing import Any

from django import template

from wrench.core import clock
from wrench.pm import due as dues
from wrench.pm.models import Meter, PmPlan

register = template.Library()


@register.inclusion_tag("pm/_asset_panel.html")
def pm_asset_panel(asset: Any) -> dict[str, Any]:
    today = clock.now().date()
    plans = list(PmPlan.objects.filter(asset=asset).select_related("meter").order_by("id"))
    for plan in plans:
        plan.next_date = dues.next_due_date(plan, today)  # type: ignore[attr-defined]
    return {
        "asset": asset,
        "meters": list(Meter.objects.filter(asset=asset).order_by("name")),
        "plans": plans,
    }
