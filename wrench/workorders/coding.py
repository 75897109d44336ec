"""Reading and writing a work order's coding: one value per characteristic."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from wrench.coding.book import CodingBook
from wrench.coding.models import BUILTIN_KEYS, CodeValue
from wrench.core.fastpath import keep_prefetched

if TYPE_CHECKING:
    from wrench.workorders.models import WorkOrder, WorkOrderCode


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
    # The keys read straight (not through CodeValue.has_effect): asked three times for
    # every row of a bulk create or an import.
    return any(v is not None and key in (v.effect_keys or ()) for v in chosen.values())


def attach_codes(wo: WorkOrder, book: CodingBook) -> None:
    """Give `wo` its coded values from the site's book instead of one query each. A value
    the book lacks (of a characteristic made inactive since) is left to load by itself."""
    for key in BUILTIN_KEYS:
        value_id = getattr(wo, f"{key}_id")
        value = book.by_id.get(value_id) if value_id else None
        if value is not None:
            setattr(wo, key, value)


def keep_extra_codes(wo: WorkOrder, codes: Iterable[WorkOrderCode]) -> None:
    """Remember the extra coding rows just written as `wo.extra_codes.all()`, the way
    Django's prefetch_related keeps them, so reading them back needs no query."""
    keep_prefetched(wo, "extra_codes", codes)
