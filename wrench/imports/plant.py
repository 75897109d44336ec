"""Assets and stock items from a legacy file (filled in by the next step)."""

from __future__ import annotations

from typing import Any


def import_rows(*args: Any) -> None:
    raise NotImplementedError
