"""Work order lists as CSV and XLSX, streamed: the API, the list page and `wrench export`.

Each code is two columns, its abbreviation and its value (`reason`, `reason_value`), so a
spreadsheet can be filtered by either. Rows are read in chunks; memory stays flat however
long the list.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from django.db.models import QuerySet

from wrench.coding.models import BUILTIN_KEYS
from wrench.core.cells import csv_cell
from wrench.workorders.models import WorkOrder

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_CHUNK = 2000


def _opt(obj: Any, attr: str) -> str:
    return "" if obj is None else str(getattr(obj, attr))


# (column title, value of a work order loaded with_coding())
COLUMNS: list[tuple[str, Callable[[WorkOrder], Any]]] = [
    ("number", lambda wo: wo.number),
    ("site", lambda wo: wo.site.code),
    ("status", lambda wo: wo.status),
    ("title", lambda wo: wo.title),
    ("asset", lambda wo: _opt(wo.asset, "code")),
    ("asset_name", lambda wo: _opt(wo.asset, "name")),
    ("priority", lambda wo: wo.priority),
    ("requested_at", lambda wo: wo.requested_at),
    ("needed_by", lambda wo: wo.needed_by),
    ("completed_at", lambda wo: wo.completed_at),
    ("requester", lambda wo: wo.requester.username),
    ("assigned_to", lambda wo: _opt(wo.assigned_to, "username")),
    ("trade", lambda wo: _opt(wo.trade, "code")),
    ("crew", lambda wo: _opt(wo.crew, "code")),
    ("estimated_cost", lambda wo: wo.estimated_cost),
    ("approved_amount", lambda wo: wo.approved_amount),
    ("emergency", lambda wo: wo.emergency),
    # What an import reads back (docs/import.md, "Round trip"): the rest of the work order.
    ("description", lambda wo: wo.description),
    ("location", lambda wo: wo.location),
    ("closed_at", lambda wo: wo.closed_at),
    ("status_changed_at", lambda wo: wo.status_changed_at),
    ("estimated_hours", lambda wo: wo.estimated_hours),
    ("project_number", lambda wo: wo.project_number),
    ("findings", lambda wo: wo.findings),
    ("legacy_number", lambda wo: wo.legacy_number),
    ("legacy_labour_hours", lambda wo: wo.legacy_labour_hours),
    ("legacy_cost", lambda wo: wo.legacy_cost),
]


def _code_cell(key: str, attr: str) -> Callable[[WorkOrder], str]:
    return lambda wo: _opt(getattr(wo, key), attr)


for _key in BUILTIN_KEYS:
    COLUMNS.append((_key, _code_cell(_key, "abbreviation")))
    COLUMNS.append((f"{_key}_value", _code_cell(_key, "value")))


def rows(qs: QuerySet[WorkOrder]) -> Iterator[list[Any]]:
    """The header, then one list of cells per work order, read in chunks."""
    yield [title for title, _ in COLUMNS]
    for wo in qs.with_coding().iterator(chunk_size=_CHUNK):  # type: ignore[attr-defined]
        yield [cell(wo) for _, cell in COLUMNS]


class _Line:
    """A file-like sink that hands back what csv.writer wrote, one line at a time."""

    def write(self, text: str) -> str:
        return text


def csv_lines(qs: QuerySet[WorkOrder]) -> Iterator[str]:
    writer = csv.writer(_Line())
    for row in rows(qs):
        yield writer.writerow(["" if v is None else csv_cell(_plain(v)) for v in row])


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    return value


def write_csv(qs: QuerySet[WorkOrder], out: IO[str]) -> int:
    count = -1
    for line in csv_lines(qs):
        out.write(line)
        count += 1
    return count


def write_xlsx(qs: QuerySet[WorkOrder], out: IO[bytes] | str) -> int:
    """Write a one-sheet workbook (openpyxl write-only mode: rows are not kept in memory)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Work orders")
    count = -1
    for row in rows(qs):
        sheet.append([_cell(v) for v in row])
        count += 1
    book.save(out)
    return count


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None)  # Excel has no zones: UTC
    return value


def xlsx_file(qs: QuerySet[WorkOrder]) -> IO[bytes]:
    """The workbook in a temporary file (spilled to disk past 8 MB), rewound for reading."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    write_xlsx(qs, spool)
    spool.seek(0)
    return spool


def chunks(stream: IO[bytes], size: int = 64 * 1024) -> Iterable[bytes]:
    while block := stream.read(size):
        yield block
    stream.close()
