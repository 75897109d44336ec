"""A file read in many batches: numbered once for the whole file, and a later file that
mixes known and new legacy numbers sorted row by row."""

from __future__ import annotations

import pytest

from wrench.accounts.models import User
from wrench.assets.models import Site
from wrench.imports import services
from wrench.imports.tests.conftest import EXAMPLE_CSV
from wrench.imports.tests.test_work_orders import run
from wrench.workorders.models import WorkOrder


def test_a_file_of_many_batches_is_numbered_in_one_run_of_the_site_counter(
    mill: Site, importer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "BATCH", 7)  # the 45 rows of the example in 7 batches
    before = Site.objects.get(pk=mill.pk).last_work_order_seq
    report = run(importer)
    assert report.clean and report.written and report.created == 45, report.as_text()
    seqs = sorted(WorkOrder.objects.filter(site=mill).values_list("seq", flat=True))
    assert seqs == list(range(before + 1, before + 46))
    assert Site.objects.get(pk=mill.pk).last_work_order_seq == before + 45


def test_a_dry_run_of_many_batches_leaves_the_site_counter(
    mill: Site, importer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "BATCH", 7)
    before = Site.objects.get(pk=mill.pk).last_work_order_seq
    report = run(importer, dry_run=True)
    assert report.clean and report.created == 45 and not report.written
    assert Site.objects.get(pk=mill.pk).last_work_order_seq == before


def test_a_later_file_of_known_and_new_numbers_creates_only_the_new(
    mill: Site, importer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "BATCH", 7)
    lines = EXAMPLE_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    first = "".join(lines[:21]).encode("utf-8")  # the header and 20 rows
    assert run(importer, first).created == 20
    counter = Site.objects.get(pk=mill.pk).last_work_order_seq
    report = run(importer)  # the whole file: 20 known, 25 new, in batches that mix them
    assert (report.created, report.updated, report.unchanged) == (25, 0, 20), report.as_text()
    assert WorkOrder.objects.filter(site=mill).exclude(legacy_number="").count() == 45
    assert Site.objects.get(pk=mill.pk).last_work_order_seq == counter + 25
