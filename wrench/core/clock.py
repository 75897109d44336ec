"""The time services use. Demo loading and tests can set it; production never does.

`clock.now()` is `timezone.now()` unless a `travel_to` block is active in this thread, so
the demo can build a plant with a believable past (events spread over months) through the
same services a user goes through.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

_local = threading.local()

# The days a date given by a person may name: wide enough for a plant's whole history and
# its longest plans, narrow enough that a period's arithmetic never leaves what datetime and
# the databases hold (year 1 minus a day, or 9999 plus one, is an overflow, not a date).
EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(2999, 12, 31)


def day_problem(day: dt.date) -> str | None:
    """Why `day` is outside the dates Wrench takes, or None."""
    if EARLIEST_DAY <= day <= LATEST_DAY:
        return None
    return f"{day.isoformat()} is out of range: from {EARLIEST_DAY} to {LATEST_DAY}"


def now() -> dt.datetime:
    fixed: dt.datetime | None = getattr(_local, "at", None)
    return fixed if fixed is not None else timezone.now()


@contextmanager
def travel_to(at: dt.datetime) -> Iterator[None]:
    previous = getattr(_local, "at", None)
    _local.at = at
    try:
        yield
    finally:
        _local.at = previous
