"""`wrench export`: a filtered work order list as CSV or XLSX, with the API's filters."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wrench.testing import factories

pytestmark = pytest.mark.django_db


def test_export_uses_the_api_filters(site, people, tmp_path):
    for reason in ("SA", "EN", "SA"):
        factories.work_order(site, people["requester"], codes={"reason": reason})
    target = tmp_path / "safety.csv"
    call_command(
        "export",
        "--format",
        "csv",
        "--output",
        str(target),
        "--reason",
        "SA",
        "--status",
        "open",
        stderr=io.StringIO(),
    )
    rows = list(csv.DictReader(target.open()))
    assert [(r["reason"], r["reason_value"]) for r in rows] == [("SA", "Safety")] * 2
    call_command(
        "export", "--format", "xlsx", "--output", str(tmp_path / "all.xlsx"), stderr=io.StringIO()
    )
    assert (tmp_path / "all.xlsx").stat().st_size > 0
    with pytest.raises(CommandError, match="allowed:"):
        call_command("export", "--reason", "ZZ", stdout=io.StringIO())
