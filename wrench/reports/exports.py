"""A report's tables as CSV (one table) or XLSX (one sheet per table)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.utils import timezone

from wrench.core.cells import csv_cell
from wrench.reports.table import Report, Table, plain


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    return plain(value) if not isinstance(value, str | int | type(None)) else value


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(c.label) for c in table.columns])
    for row in table.cells():
        writer.writerow(
            [csv_cell(v) if isinstance(v, str) else plain(v) if v is not None else "" for v in row]
        )
    return out.getvalue()


def to_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook  # loaded here: with numpy it swells a worker

    book = Workbook()
    book.remove(book.worksheets[0])
    if report.formulas:
        sheet = book.create_sheet("KPIs")
        sheet.append(["KPI", "Formula", "Inputs", "Value", "Unit"])
        for f in report.formulas:
            inputs = "; ".join(f"{k} = {plain(v)}" for k, v in f.inputs.items())
            sheet.append([f.name, f.formula, inputs, plain(f.value), f.unit])
        _bold_header(sheet)
    for table in report.tables:
        sheet = book.create_sheet(table.title[:31].replace("/", "-").replace(":", ""))
        sheet.append([c.label for c in table.columns])
        for row in table.cells():
            sheet.append([_cell(v) for v in row])
        _bold_header(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _bold_header(sheet: object) -> None:
    from openpyxl.styles import Font

    for cell in sheet[1]:  # type: ignore[index]
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"  # type: ignore[attr-defined]
