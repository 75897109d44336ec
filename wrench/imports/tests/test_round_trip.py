"""What `wrench export` writes, the import reads back: to another site, or the same one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command

from wrench.accounts.models import User
from wrench.assets.models import Site
from wrench.imports.tests.conftest import EXAMPLES, example_assets
from wrench.imports.tests.test_work_orders import run
from wrench.testing import factories
from wrench.workorders.models import WorkOrder

KEPT = (
    "title",
    "description",
    "status",
    "requested_at",
    "completed_at",
    "closed_at",
    "estimated_cost",
    "approved_amount",
    "project_number",
    "legacy_labour_hours",
    "legacy_cost",
    "urgency_id",
    "funding_id",
)


def test_an_export_imports_into_another_site_with_the_same_work(
    mill: Site, importer: User, tmp_path: Path
) -> None:
    run(importer)  # the shipped example, into MILL
    south = factories.coded_site("SOUTH")
    importer.sites.add(south)
    importer = User.objects.get(pk=importer.pk)  # its sites read afresh
    for code in example_assets(mill):
        factories.AssetFactory(site=south, code=code)
    exported = tmp_path / "mill.csv"
    call_command("export", "--format", "csv", "--site", "MILL", "--output", str(exported))
    mapping = (EXAMPLES / "wrench-export-mapping.toml").read_text(encoding="utf-8")
    report = run(importer, exported.read_bytes(), mapping_text=mapping, file_name="mill.csv")
    assert report.clean and report.created == 45, report.as_text()

    def same(wo: Any) -> tuple[Any, ...]:
        row = [getattr(wo, name) for name in KEPT[:-2]]
        return (*row, wo.urgency.abbreviation, wo.funding.abbreviation, wo.asset.code)

    for there in WorkOrder.objects.filter(site=south).select_related("urgency", "funding", "asset"):
        here = WorkOrder.objects.select_related("urgency", "funding", "asset").get(
            number=there.legacy_number
        )
        assert same(there) == same(here)
    again = run(importer, exported.read_bytes(), mapping_text=mapping, file_name="mill.csv")
    assert (again.created, again.unchanged) == (0, 45)


def test_an_export_read_back_into_its_own_site_by_legacy_number_changes_nothing(
    mill: Site, importer: User, tmp_path: Path
) -> None:
    run(importer)
    exported = tmp_path / "mill.csv"
    call_command("export", "--format", "csv", "--site", "MILL", "--output", str(exported))
    mapping = 'kind = "work-orders"\nsite = "MILL"\n[columns]\nrequester = ""\nassigned_to = ""\n'
    report = run(importer, exported.read_bytes(), mapping_text=mapping, file_name="mill.csv")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 45), report.as_text()
