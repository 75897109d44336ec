"""The field-level history rows (django-simple-history) of work order writes.

simple-history writes a row from its post_save receiver: a historical model instance
built and saved through the ORM, ~0.6 ms of CPU per row, most of a create or transition.
The services save without it (`save_without_historical_record`) and write the same row
here with one prepared INSERT. A test holds this to what simple-history itself writes.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.db import models

from wrench.core.inserts import insert_rows
from wrench.workorders.models import WorkOrder

CREATED, CHANGED = "+", "~"


def write_history(
    orders: list[WorkOrder], *, user_id: int | None, at: dt.datetime, kind: str
) -> None:
    """One history row per work order: its tracked fields now, who, when, "+" or "~"."""
    history, tracked = _history()
    columns = (*tracked, "history_date", "history_change_reason", "history_type")
    rows = [(*(wo.__dict__[c] for c in tracked), at, None, kind, user_id) for wo in orders]
    insert_rows(history, (*columns, "history_user_id"), rows)


@functools.cache
def _history() -> tuple[type[models.Model], tuple[str, ...]]:
    """The historical model and the attnames it tracks. Read once: each access to
    `WorkOrder.history` builds a new manager class (inspect.getmembers), ~0.3 ms."""
    history: Any = WorkOrder.history.model
    return history, tuple(f.attname for f in history.tracked_fields)
