"""Meters and their readings from a legacy file (when the pm app is installed).

One row is a meter on an asset (asset code and meter name: the key), with or without a
reading (value, at). Meters not yet at the site are made through `pm.meters.create_meter`;
readings are recorded through `pm.meters.record_reading`, meter by meter in time order,
so a reading that goes backwards, jumps beyond the meter's plausible rate or lies in the
future is refused with the same sentence as on the phone page, named by row and column.
A reading already recorded at the same time with the same value is left unchanged, so a
second run changes nothing. All or nothing: a dry run, or a file with any problem, rolls
the whole transaction back.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from wrench.accounts.models import User
from wrench.assets.models import Asset, Site
from wrench.core.errors import DomainError
from wrench.imports.cells import Cells
from wrench.imports.files import Table
from wrench.imports.gather import Gatherer
from wrench.imports.mapping import Mapping, check_fields
from wrench.imports.report import Problem, Report

METER_FIELDS = {
    "asset": "asset code (required)",
    "meter": "the meter's name on the asset (required with the asset: the key)",
    "unit": "h, km, cycles, t … (required for a meter that is new)",
    "max_per_day": "the most it can advance in a day (24 for hours when empty)",
    "rollover_at": "the reading at which its display starts again from 0",
    "value": "a reading: what the meter showed",
    "at": "when it was read (a date, or a date and time)",
    "reading_kind": "reading, rollover or replacement (default reading)",
    "note": "a note on the reading",
}
KINDS = ("reading", "rollover", "replacement")


@dataclass
class Row:
    number: int
    values: dict[str, str]
    origin: dict[str, tuple[str, str]]
    value: Decimal | None = None
    at: dt.datetime | None = None


def import_rows(
    actor: User, site: Site, mapping: Mapping, table: Table, report: Report, progress: Any
) -> None:
    check_fields(mapping, METER_FIELDS)
    gatherer = Gatherer(mapping, METER_FIELDS, table.header)
    keys = [mapping.column_of("asset"), mapping.column_of("meter")]
    missing = sorted((set(keys) - set(table.header)) | set(gatherer.missing_columns))
    if missing:
        report.refused = (
            f"{report.file} has no column {', '.join(map(repr, missing))} that {report.mapping} "
            f"reads (its columns: {', '.join(table.header)}): is it a file of another kind?"
        )
        return
    cells = Cells(mapping)
    assets = {a.code: a for a in Asset.objects.filter(site=site)}
    by_meter: dict[tuple[str, str], list[Row]] = defaultdict(list)
    seen: dict[tuple[str, str, dt.datetime | None], int] = {}
    with transaction.atomic():
        for number, raw in table.rows:
            report.rows += 1
            values, origin, problems = gatherer.gather(number, raw, report)
            for problem in problems:
                report.add(problem)
            row = _checked(Row(number, values, origin), cells, assets, site, mapping, report)
            if row is None:
                continue
            key = (values["asset"], values["meter"])
            where = (key[0], key[1], row.at)
            if where in seen:
                _say(report, row, mapping, "at", f"the same meter and time as row {seen[where]}")
                continue
            seen[where] = number
            by_meter[key].append(row)
            if progress is not None and report.rows % 1000 == 0:
                progress(report.rows)
        if report.clean:
            for (code, name), rows in by_meter.items():
                _write(actor, assets[code], name, rows, mapping, report)
        if report.clean and not report.dry_run:
            report.written = True
        else:
            transaction.set_rollback(True)


def _say(report: Report, row: Row, mapping: Mapping, name: str, message: str) -> None:
    column, value = row.origin.get(name, (mapping.column_of(name), ""))
    report.add(Problem(row.number, column, value, message))


def _checked(
    row: Row,
    cells: Cells,
    assets: dict[str, Asset],
    site: Site,
    mapping: Mapping,
    report: Report,
) -> Row | None:
    values, ok = row.values, True
    for name in ("asset", "meter"):
        if not values.get(name):
            _say(report, row, mapping, name, f"a {name} is required")
            ok = False
    if values.get("asset") and values["asset"] not in assets:
        _say(report, row, mapping, "asset", f"no asset {values['asset']!r} at site {site.code}")
        ok = False
    if values.get("reading_kind", "reading").lower() not in KINDS:
        _say(report, row, mapping, "reading_kind", f"one of {', '.join(KINDS)}")
        ok = False
    if values.get("value"):
        try:
            row.value = Decimal(cells.number(values["value"]))
        except ValueError as exc:
            _say(report, row, mapping, "value", str(exc))
            ok = False
        if not values.get("at"):
            _say(report, row, mapping, "at", "a reading needs the time it was read")
            ok = False
    if values.get("at"):
        try:
            row.at = cells.moment(values["at"])
        except ValueError as exc:
            _say(report, row, mapping, "at", str(exc))
            ok = False
        if not values.get("value"):
            _say(report, row, mapping, "value", "a time was given without the reading")
            ok = False
    return row if ok else None


def _write(
    actor: User, asset: Asset, name: str, rows: list[Row], mapping: Mapping, report: Report
) -> None:
    """One meter's rows: the meter made when new, then its readings in time order."""
    from wrench.pm import meters
    from wrench.pm.models import Meter, MeterReading

    meter = Meter.objects.filter(asset=asset, name=name).first()
    first = rows[0]
    if meter is None:
        unit = next((r.values["unit"] for r in rows if r.values.get("unit")), "")
        try:
            with transaction.atomic():
                meter = meters.create_meter(
                    actor=actor,
                    asset=asset,
                    name=name,
                    unit=unit,
                    max_per_day=first.values.get("max_per_day"),
                    rollover_at=first.values.get("rollover_at"),
                )
        except DomainError as exc:
            _refused(report, first, mapping, exc, default="unit")
            return
        if not any(r.value is not None for r in rows):
            report.created += len(rows)
    elif not any(r.value is not None for r in rows):
        report.unchanged += len(rows)
    had = dict(MeterReading.objects.filter(meter=meter).values_list("at", "value"))
    readings = sorted(
        (r for r in rows if r.value is not None), key=lambda r: r.at or dt.datetime.min
    )
    for row in readings:
        assert row.at is not None and row.value is not None
        if row.at in had:
            if had[row.at] == row.value.quantize(Decimal("0.01")):
                report.unchanged += 1
            else:
                _say(
                    report,
                    row,
                    mapping,
                    "value",
                    f"{meter.name} on {asset.code} already has {had[row.at]} at this time; "
                    "a recorded reading is not changed by an import",
                )
            continue
        try:
            with transaction.atomic():
                meters.record_reading(
                    meter,
                    actor=actor,
                    value=row.value,
                    at=row.at,
                    kind=row.values.get("reading_kind", "reading").lower(),
                    note=row.values.get("note", ""),
                )
        except DomainError as exc:
            _refused(report, row, mapping, exc, default="value")
            return  # the meter's later readings depend on this one
        report.created += 1


def _refused(report: Report, row: Row, mapping: Mapping, exc: DomainError, default: str) -> None:
    """The service's refusal, named by the row and the column of the field it names."""
    if not exc.errors:
        _say(report, row, mapping, default, exc.detail)
        return
    for error in exc.errors:
        field = error.field if error.field in METER_FIELDS else default
        _say(report, row, mapping, field, error.message)


__all__ = ["METER_FIELDS", "import_rows"]
