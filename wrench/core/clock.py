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
