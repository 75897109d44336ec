"""What a checklist does with pm's meters when that app is installed.

pm sits above planning: its meters are found by name, never imported (as assets/optional.py
does for the asset page). A reading check may name a meter of the work order's asset
(`meter_name`, e.g. "Running hours"); recording the reading records it on that meter through
pm's own service, so its checks (backwards, implausible, future) refuse a bad one. Without
pm the name is kept and nothing is fed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string

PM = "wrench.pm"
RECORD_READING = "wrench.pm.meters.record_reading"


def meter_id(asset_id: int | None, name: str) -> int | None:
    """The id of the active meter `name` on the asset, or None (no pm, no asset, none)."""
    if not name or asset_id is None or not apps.is_installed(PM):
        return None
    meter = apps.get_model("pm", "Meter")
    found = meter.objects.filter(asset_id=asset_id, name=name, active=True).values_list("pk")
    row = found.first()
    return int(row[0]) if row else None


def feed_meter(meter_pk: int, *, actor: Any, value: Decimal, note: str) -> Any:
    """Record `value` on the meter through pm's service (raises what it raises); None
    without pm."""
    if not apps.is_installed(PM):
        return None
    meter = apps.get_model("pm", "Meter").objects.get(pk=meter_pk)
    return import_string(RECORD_READING)(meter, actor=actor, value=value, note=note[:200])
