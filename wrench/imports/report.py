"""What an import (or its dry run) found: the same report for the command, the API and the page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from wrench.coding.book import CodingBook

MAX_LISTED = 500  # problems listed one by one; the count says how many there are in all


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one row: where (row, column), what it holds, what is allowed."""

    row: int
    column: str
    value: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "allowed": self.message,
        }


@dataclass
class CodingTally:
    """How the imported work orders are coded: per characteristic, rows with a value and
    how often each value is used (the spec's point: show what the old data lacks)."""

    rows: int = 0
    coded: Counter[str] = field(default_factory=Counter)
    defaulted: Counter[str] = field(default_factory=Counter)
    used: dict[str, Counter[str]] = field(default_factory=dict)

    def count(self, codes: dict[str, Any], given: set[str]) -> None:
        """Count one work order's coding; `given` are the characteristics its row gave (the
        others hold the site's default value, or nothing)."""
        self.rows += 1
        for key, value in codes.items():
            if value is not None:
                self.coded[key] += 1
                if key not in given:
                    self.defaulted[key] += 1
                self.used.setdefault(key, Counter())[value.abbreviation] += 1

    def health(self, book: CodingBook) -> list[dict[str, Any]]:
        out = []
        for key, ch in book.characteristics.items():
            used = self.used.get(key, Counter())
            coded = self.coded[key]
            out.append(
                {
                    "characteristic": key,
                    "name": ch.name,
                    "coded": coded,
                    "by_default": self.defaulted[key],
                    "share": round(100 * coded / self.rows, 1) if self.rows else 0.0,
                    "values": dict(used.most_common()),
                    "never_used": [
                        v.abbreviation for v in book.active_values(key) if not used[v.abbreviation]
                    ],
                }
            )
        return out


@dataclass
class Report:
    kind: str
    file: str
    mapping: str
    site: str
    dry_run: bool
    format: str = ""
    encoding: str = ""
    delimiter: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    written: bool = False
    refused: str = ""  # one sentence when the file (or mapping) could not be read at all
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    unmapped: dict[str, Counter[str]] = field(default_factory=dict)
    coding: list[dict[str, Any]] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.refused and self.problem_count == 0

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_LISTED:
            self.problems.append(problem)

    def unmapped_value(self, column: str, value: str) -> None:
        self.unmapped.setdefault(column, Counter())[value] += 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "file": self.file,
            "mapping": self.mapping,
            "site": self.site,
            "dry_run": self.dry_run,
            "clean": self.clean,
            "written": self.written,
            "refused": self.refused,
            "format": self.format,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "problem_count": self.problem_count,
            "problems": [p.as_dict() for p in self.problems],
            "unmapped": [
                {"column": column, "value": value, "count": count}
                for column, values in self.unmapped.items()
                for value, count in values.most_common()
            ],
            "coding_health": self.coding,
        }

    def as_text(self) -> str:
        """The report as a person reads it in a terminal."""
        mode = "dry run" if self.dry_run else "import"
        lines = [f"{self.kind} {mode} of {self.file} with {self.mapping} into site {self.site}"]
        if self.refused:
            lines.append(f"refused: {self.refused}")
            return "\n".join(lines) + "\n"
        how = self.format.upper()
        if self.encoding:
            how += f", {self.encoding}, delimiter {self.delimiter!r}"
        lines.append(f"read {self.rows} rows ({how})")
        verb = "would be" if self.dry_run or not self.written else "were"
        lines.append(
            f"{self.created} {verb} created, {self.updated} updated, {self.unchanged} unchanged"
        )
        if self.problem_count:
            lines.append(f"{self.problem_count} problem(s); nothing was written:")
            for p in self.problems:
                lines.append(f"  row {p.row}, column {p.column!r}, value {p.value!r}: {p.message}")
            if self.problem_count > len(self.problems):
                lines.append(f"  … and {self.problem_count - len(self.problems)} more")
        if self.unmapped:
            lines.append("values the mapping does not cover (add them to the mapping):")
            for column, values in self.unmapped.items():
                for value, count in values.most_common():
                    lines.append(f"  {column}: {value!r} × {count}")
        if self.coding:
            lines.append("coding health of the result (share of rows coded; values never used):")
            for c in self.coding:
                never = ", ".join(c["never_used"]) or "–"
                lines.append(
                    f"  {c['characteristic']:<14} {c['share']:>5.1f} %   never used: {never}"
                )
        if self.clean:
            lines.append(
                "written." if self.written else "clean: run without --dry-run to write it."
            )
        return "\n".join(lines) + "\n"
