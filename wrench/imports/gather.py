"""A row's cells gathered into fields by a mapping: column maps, value maps, legacy maps, defaults.

The same for every kind: each problem found names the row, the column and the cell, and a
legacy value the mapping does not cover is counted for the report (never guessed).
"""

from __future__ import annotations

from wrench.imports.files import MALFORMED
from wrench.imports.mapping import FromColumn, Mapping, normal
from wrench.imports.report import Problem, Report

Gathered = tuple[dict[str, str], dict[str, tuple[str, str]], list[Problem]]


class Gatherer:
    def __init__(self, mapping: Mapping, allowed: dict[str, str], header: list[str]) -> None:
        self.mapping = mapping
        columns = set(header)
        # (field, column) pairs read from the row: the mapped column, else a column named
        # as the field (a Wrench export reads back with hardly any mapping).
        self.reads = [
            (name, mapping.column_of(name))
            for name in allowed
            if mapping.column_of(name) in columns
        ]
        self.legacy = [m for m in mapping.legacy if m.column in columns]
        self.missing_columns = sorted(
            {c for c in mapping.columns.values() if c and c not in columns}
            | {m.column for m in mapping.legacy if m.column not in columns}
        )

    def gather(self, number: int, row: dict[str, str], report: Report) -> Gathered:
        """The row's values by field, where each came from (column, cell), and problems."""
        values: dict[str, str] = {}
        origin: dict[str, tuple[str, str]] = {}
        problems: list[Problem] = []
        if MALFORMED in row:
            problems.append(Problem(number, "", "", f"malformed row: {row[MALFORMED]}"))
            return values, origin, problems
        mapping = self.mapping
        for name, column in self.reads:
            raw = row.get(column, "")
            if not raw:
                continue
            origin[name] = (column, raw)
            table = mapping.values.get(name)
            if table is None:
                values[name] = raw
                continue
            mapped = table.get(normal(raw))
            if mapped is None:
                report.unmapped_value(column, raw)
                problems.append(
                    Problem(
                        number,
                        column,
                        raw,
                        f"not in the mapping's values.{name}; mapped: " + ", ".join(sorted(table)),
                    )
                )
            else:
                values[name] = mapped
        for legacy in self.legacy:
            raw = row.get(legacy.column, "")
            if not raw:
                continue
            sets = legacy.values.get(normal(raw))
            if sets is None:
                report.unmapped_value(legacy.column, raw)
                problems.append(
                    Problem(
                        number,
                        legacy.column,
                        raw,
                        "not in the mapping's legacy value map; "
                        "mapped: " + ", ".join(legacy.labels.values()),
                    )
                )
                continue
            for name, source in sets.items():
                value = row.get(source.column, "") if isinstance(source, FromColumn) else source
                if not value:
                    continue
                if values.get(name, value) != value:
                    problems.append(
                        Problem(
                            number,
                            legacy.column,
                            raw,
                            f"{raw!r} sets {name} to {value} but "
                            f"column {origin[name][0]!r} gives {values[name]}; one must go",
                        )
                    )
                    continue
                values[name] = value
                origin.setdefault(name, (legacy.column, raw))
        for name, value in mapping.defaults.items():
            if not values.get(name):
                values[name] = value
        return values, origin, problems
