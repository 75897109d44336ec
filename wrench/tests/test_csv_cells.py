"""Every CSV Wrench writes neutralises cells a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

import pytest

from wrench.reports.exports import to_csv
from wrench.reports.table import Column, Table
from wrench.testing import factories
from wrench.workorders.exports import csv_lines
from wrench.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db

HOSTILE = ["=cmd|' /C calc'!A0", "+SUM(A1:A9)", "-2+3", "@SUM(1)", "\tTAB", "\rCR"]


# Titles are stripped when saved, so a leading tab or CR reaches the export only from reports.
@pytest.mark.parametrize("title", HOSTILE[:4])
def test_the_work_order_export_neutralises_a_formula_title(site, people, title):
    factories.work_order(site, people["requester"], title=title)
    parsed = list(csv.reader(io.StringIO("".join(csv_lines(WorkOrder.objects.all())))))
    column = parsed[0].index("title")
    assert parsed[1][column] == "'" + title


def test_a_report_csv_neutralises_text_and_keeps_numbers():
    table = Table(
        name="t",
        title="T",
        columns=[Column("title", "Title"), Column("n", "N", "int")],
        rows=[{"title": HOSTILE[0], "n": -2}],
    )
    parsed = list(csv.reader(io.StringIO(to_csv(table))))
    assert parsed[1] == ["'" + HOSTILE[0], "-2"]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_formula_start_is_neutralised_in_a_report_csv(text):
    table = Table(name="t", title="T", columns=[Column("x", "X")], rows=[{"x": text}])
    parsed = list(csv.reader(io.StringIO(to_csv(table), newline="")))
    assert parsed[1] == ["'" + text]
