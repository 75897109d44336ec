"""What every report hands to its page, its exports and its JSON: titled tables and formulas.

A report is computed in SQL (aggregates); the rows here are the already aggregated result,
so pages, CSV, XLSX, PDF and the API all show the same figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass
class Column:
    key: str
    label: str
    kind: str = "text"  # text, int, hours, pct, date, datetime


@dataclass
class Table:
    name: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    note: str = ""

    def cells(self) -> list[list[Any]]:
        return [[row.get(c.key) for c in self.columns] for row in self.rows]


@dataclass
class Formula:
    """A KPI as shown on the page: its name, definition, formula, the inputs and the result."""

    name: str
    formula: str
    inputs: dict[str, Any]
    value: Any
    unit: str = ""
    note: str = ""


@dataclass
class Report:
    slug: str
    title: str
    intro: str
    tables: list[Table]
    formulas: list[Formula] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)  # SVG documents
    period: tuple[dt.datetime, dt.datetime] | None = None

    def table(self, name: str | None) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        return self.tables[0]


def plain(value: Any) -> Any:
    """A cell as JSON/CSV wants it: Decimal → float rounded to 2 places, dates → ISO text."""
    if isinstance(value, Decimal):
        return round(float(value), 2)
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return round(value.total_seconds() / 3600, 2)
    return value


def hours(value: Any) -> float:
    """A Sum of hours (None when there were no rows) as a float."""
    if value is None:
        return 0.0
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 3600
    return float(value)


def ratio_pct(part: float, whole: float) -> float | None:
    """part ÷ whole × 100, or None when there is nothing to divide by (shown as "no data")."""
    return None if not whole else round(100.0 * part / whole, 1)
