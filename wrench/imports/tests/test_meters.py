"""Importing meters and their readings: made and recorded through pm's services, refusals
named by row and column, all or nothing, and a second run changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wrench.accounts.models import User
from wrench.assets.models import Site
from wrench.imports.tests.conftest import example_assets, table_counts
from wrench.imports.tests.test_plant import run

pm = pytest.importorskip("wrench.pm.models")

MAPPING = """
kind = "meters"
site = "MILL"
[options]
date_format = "%d/%m/%Y"
decimal_comma = true
[columns]
asset = "Equipment"
meter = "Counter"
unit = "Unit"
value = "Reading"
at = "Read on"
"""


def _file(asset: str, rows: list[tuple[str, str]]) -> str:
    lines = ["Equipment;Counter;Unit;Reading;Read on"]
    lines += [f"{asset};Running hours;h;{value};{day}" for value, day in rows]
    lines.append(f"{asset};Strokes;cycles;;")  # a meter without a reading yet
    return "\n".join(lines) + "\n"


def test_meters_and_readings_import_in_time_order_and_once(mill: Site, importer: User) -> None:
    asset = example_assets(mill)[0]
    # The file lists readings out of order: they are recorded in time order
    data = _file(
        asset, [("1.030,5", "03/01/2026"), ("1.000", "01/01/2026"), ("1.020", "02/01/2026")]
    )
    before = table_counts()
    dry = run(importer, "meters", data, MAPPING, dry_run=True)
    assert dry.clean and dry.created == 4 and not dry.written, dry.as_text()
    assert pm.Meter.objects.count() == 0 and table_counts() == before
    done = run(importer, "meters", data, MAPPING)
    assert done.clean and done.written and done.created == 4, done.as_text()
    hours = pm.Meter.objects.get(asset__code=asset, name="Running hours")
    assert (hours.unit, hours.last_value, hours.total) == (
        "h",
        Decimal("1030.50"),
        Decimal("30.50"),
    )
    assert pm.MeterReading.objects.filter(meter=hours).count() == 3
    assert pm.Meter.objects.filter(asset__code=asset, name="Strokes").exists()
    again = run(importer, "meters", data, MAPPING)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4), again.as_text()


def test_a_bad_reading_is_named_by_row_and_column_and_nothing_is_written(
    mill: Site, importer: User
) -> None:
    asset = example_assets(mill)[0]
    # Row 3 goes backwards; row 5 names an asset the site does not have
    data = _file(asset, [("1.000", "01/01/2026"), ("900", "02/01/2026")])
    data += "NOPE-1;Running hours;h;5;01/01/2026\n"
    report = run(importer, "meters", data, MAPPING)
    assert not report.clean and not report.written
    found = {(p.row, p.column) for p in report.problems}
    assert (5, "Equipment") in found, report.as_text()
    assert pm.Meter.objects.count() == 0 and pm.MeterReading.objects.count() == 0
    backwards = run(
        importer, "meters", _file(asset, [("1.000", "01/01/2026"), ("900", "02/01/2026")]), MAPPING
    )
    problem = [p for p in backwards.problems if p.row == 3]
    assert (
        problem
        and problem[0].column == "Reading"
        and "below the last reading" in problem[0].message
    )
    assert pm.Meter.objects.count() == 0  # all or nothing: the meter made for row 2 is gone too
