"""The field-level history rows (django-simple-history) of work order writes.

simple-history writes a row from its post_save receiver: a historical model instance built
and saved through the ORM, most of the CPU of a create or transition. The services save
without it and write the same row here with one INSERT (core/fastpath.py). A test holds
this to what simple-history itself writes.
"""

from __future__ import annotations

import datetime as dt

from wrench.core.fastpath import insert_rows, tracked_history
from wrench.workorders.models import WorkOrder

CREATED, CHANGED = "+", "~"


def write_history(
    orders: list[WorkOrder], *, user_id: int | None, at: dt.datetime, kind: str
) -> None:
    """One history row per work order: its tracked fields now, who, when, "+" or "~"."""
    history, tracked = tracked_history(WorkOrder)
    columns = (*tracked, "history_date", "history_change_reason", "history_type")
    rows = [(*(wo.__dict__[c] for c in tracked), at, None, kind, user_id) for wo in orders]
    insert_rows(history, (*columns, "history_user_id"), rows)
