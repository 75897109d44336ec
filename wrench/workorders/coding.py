"""Reading and writing a work order's coding: one value per characteristic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wrench.coding.book import CodingBook
from wrench.coding.models import BUILTIN_KEYS, CodeValue

if TYPE_CHECKING:
    from wrench.workorders.models import WorkOrder


def chosen_values(wo: WorkOrder, book: CodingBook) -> dict[str, CodeValue | None]:
    """Characteristic key → the value the work order holds (None when not coded)."""
    chosen: dict[str, CodeValue | None] = {}
    for key in book.characteristics:
        if key in BUILTIN_KEYS:
            value_id = getattr(wo, f"{key}_id")
            chosen[key] = book.by_id.get(value_id) if value_id else None
        else:
            chosen[key] = None
    if wo.pk and any(k not in BUILTIN_KEYS for k in book.characteristics):
        for code in wo.extra_codes.all():
            chosen[book.by_id[code.value_id].characteristic.key] = book.by_id[code.value_id]
    return chosen


def has_effect(chosen: dict[str, CodeValue | None], key: str) -> bool:
    return any(v is not None and v.has_effect(key) for v in chosen.values())
