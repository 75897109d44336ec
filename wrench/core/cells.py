"""CSV cells a spreadsheet cannot run (OWASP "CSV injection").

A text cell that starts with `=`, `+`, `-`, `@`, tab or carriage return is read by Excel and
LibreOffice as a formula (`=cmd|' /C calc'!A0`, `+SUM(…)`, `-2+3`); a leading apostrophe
makes it plain text again. Numbers are left alone: only text can smuggle a formula.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """`value` as it may go into a CSV: text that looks like a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
