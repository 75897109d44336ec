"""What a breakdown may group by: any characteristic (built in or added by an admin),
plus status, trade and area. Each is one SQL expression over a work order row."""

from __future__ import annotations

from typing import Any

from django.db.models import F, OuterRef, Subquery

from wrench.coding.models import BUILTIN_KEYS, Characteristic, CodeValue
from wrench.core.errors import FieldError, ValidationFailed
from wrench.workorders.models import WorkOrderCode
from wrench.workorders.status import Status

OTHER = {"status": "Status", "trade": "Trade", "area": "Area"}
NONE = "(none)"


def known(site_ids: list[int]) -> dict[str, str]:
    """Dimension key → its name, for the user's sites (characteristics first)."""
    found = dict(
        Characteristic.objects.filter(site_id__in=site_ids, active=True)
        .order_by("position", "key")
        .values_list("key", "name")
    )
    return {**found, **OTHER}


def check(key: str, field: str, site_ids: list[int]) -> str:
    names = known(site_ids)
    if key not in names:
        raise ValidationFailed(
            "the breakdown is not valid",
            errors=[FieldError(field, f"cannot group by {key!r}; allowed: {', '.join(names)}")],
        )
    return key


def expression(key: str) -> Any:
    if key in BUILTIN_KEYS:
        return F(f"{key}__abbreviation")
    if key == "status":
        return F("status")
    if key == "trade":
        return F("trade__code")
    if key == "area":
        return F("asset__area__code")
    return Subquery(
        WorkOrderCode.objects.filter(work_order_id=OuterRef("pk"), characteristic__key=key)
        .order_by()
        .values("value__abbreviation")[:1]
    )


def labels(key: str, site_ids: list[int]) -> dict[str, str]:
    """Abbreviation → "abbr – value" for a characteristic (status labels for status)."""
    if key == "status":
        return {s.value: f"{s.value} – {s.label}" for s in Status}
    if key in OTHER:
        return {}
    return {
        abbr: f"{abbr} – {value}"
        for abbr, value in CodeValue.objects.filter(
            characteristic__site_id__in=site_ids, characteristic__key=key
        ).values_list("abbreviation", "value")
    }
