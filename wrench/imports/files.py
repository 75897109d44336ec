"""Reading a legacy export as a stream of rows: CSV (delimiter and encoding detected) or XLSX.

A file is read once, row by row, so memory stays flat however long it is. What a row is:
its number as a person counts it in a spreadsheet (the header is row 1) and a dict of
column → text. A file that cannot be read says so in one sentence (`FileUnreadable`).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from wrench.core.errors import ValidationFailed

ZIP_MAGIC = b"PK\x03\x04"  # an XLSX workbook is a zip archive
DELIMITERS = ",;\t|"
_SNIFF_BYTES = 64 * 1024
_CHUNK = 1024 * 1024
# The key under which a row that is not a row (too many cells, a broken quote) says why.
MALFORMED = "\x00malformed"


class FileUnreadable(ValidationFailed):
    """The file is not one we can read (kind of file, encoding): one sentence says why."""


@dataclass
class Table:
    """An opened file: its format, encoding and delimiter (CSV), header and rows."""

    format: str  # "csv" | "xlsx"
    encoding: str  # "utf-8" | "windows-1252" | "" (xlsx)
    delimiter: str
    header: list[str]
    rows: Iterator[tuple[int, dict[str, str]]]


def open_table(stream: IO[bytes], *, name: str = "", sheet: str | None = None) -> Table:
    """Open `stream` (binary, seekable) as a table of rows under a header row."""
    start = stream.read(_SNIFF_BYTES)
    stream.seek(0)
    if not start.strip():
        raise FileUnreadable(f"{name or 'the file'} is empty: a header row is needed")
    if start.startswith(ZIP_MAGIC):
        return _xlsx(stream, name, sheet)
    if b"\x00" in start:
        raise FileUnreadable(
            f"{name or 'the file'} is not a CSV text file nor an XLSX workbook "
            "(it holds binary data); export the legacy table as CSV or XLSX"
        )
    encoding = _encoding(stream, name)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    sample = start.decode(encoding, errors="replace")
    delimiter = _delimiter(sample)
    reader = csv.reader(text, delimiter=delimiter)
    header = _header(next(reader, []), name)
    return Table("csv", encoding, delimiter, header, _csv_rows(reader, header))


def _encoding(stream: IO[bytes], name: str) -> str:
    """UTF-8 when the whole file decodes as UTF-8 (a BOM is allowed), else Windows-1252
    when it decodes as that; checked chunk by chunk, in C, before any row is read."""
    head = stream.read(3)
    stream.seek(0)
    candidates = ["utf-8-sig"] if head == codecs.BOM_UTF8 else ["utf-8", "windows-1252"]
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            while chunk := stream.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            stream.seek(0)
            continue
        stream.seek(0)
        return encoding
    raise FileUnreadable(
        f"{name or 'the file'} is neither UTF-8 nor Windows-1252 text; "
        "save it again as CSV UTF-8 from the legacy system or the spreadsheet"
    )


def _delimiter(sample: str) -> str:
    lines = sample.splitlines()[:20]
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
    except csv.Error:  # one column, or too regular to tell: the header decides
        header = lines[0] if lines else ""
        counts = {d: header.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _header(cells: list[Any], name: str) -> list[str]:
    header = [_text(c) for c in cells]
    while header and not header[-1]:
        header.pop()
    if not any(header):
        raise FileUnreadable(f"{name or 'the file'} has no header row (column names) in row 1")
    seen: set[str] = set()
    for column in header:
        if column and column in seen:
            raise FileUnreadable(
                f"{name or 'the file'} names the column {column!r} twice in its header row"
            )
        seen.add(column)
    return header


def _csv_rows(reader: Any, header: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    width = len(header)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a quote never closed: the rest is one huge cell
            yield reader.line_num, {MALFORMED: f"not a valid CSV row ({exc})"}
            return
        number = reader.line_num  # a quoted cell may span lines: the row's last line
        if not any(c.strip() for c in cells):
            continue
        row = {header[i]: cells[i].strip() for i in range(min(width, len(cells)))}
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            row[MALFORMED] = f"{len(cells)} cells where the header names {width} columns"
        yield number, row


def _xlsx(stream: IO[bytes], name: str, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken archive
        raise FileUnreadable(
            f"{name or 'the file'} looks like a zip archive but is not an XLSX workbook ({exc})"
        ) from None
    if sheet is not None and sheet not in book.sheetnames:
        raise FileUnreadable(
            f"the workbook has no sheet {sheet!r}; its sheets: {', '.join(book.sheetnames)}"
        )
    ws = book[sheet] if sheet is not None else book.worksheets[0]
    cells = ws.iter_rows(values_only=True)
    header = _header(list(next(cells, ())), name)

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        width = len(header)
        for number, values in enumerate(cells, start=2):
            texts = [_text(v) for v in values]
            if not any(texts):
                continue
            row = {header[i]: texts[i] for i in range(min(width, len(texts)))}
            if len(texts) > width and any(texts[width:]):
                row[MALFORMED] = f"{len(texts)} cells where the header names {width} columns"
            yield number, row
        book.close()

    return Table("xlsx", "", "", header, rows())


def _text(value: Any) -> str:
    """A cell as text, the way it would read in a CSV export."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
