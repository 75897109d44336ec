"""The same import over HTTP (`POST /api/v1/imports`) and from the console (`wrench import`)."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
from django.core.management import call_command

from wrench.accounts.models import User
from wrench.assets.models import Site
from wrench.imports.models import ImportRun
from wrench.imports.tests.conftest import EXAMPLE_CSV, EXAMPLE_MAPPING, table_counts
from wrench.workorders.models import WorkOrder


def post(client: Any, *, dry_run: bool, data: bytes | None = None) -> Any:
    return client.post(
        "/imports",
        data={"kind": "work-orders", "dry_run": "true" if dry_run else "false"},
        files={
            "file": ("legacy-work-orders.csv", data or EXAMPLE_CSV.read_bytes(), "text/csv"),
            "mapping": ("legacy-type-mapping.toml", EXAMPLE_MAPPING.read_bytes()),
        },
    )


@pytest.mark.django_db(transaction=True)
def test_the_api_dry_runs_then_imports_the_example_then_finds_it_by_legacy_number(
    mill: Site, importer: User, api_as: Any
) -> None:
    api = api_as(importer)
    before = table_counts()
    dry = post(api, dry_run=True)
    assert dry.status_code == 200, dry.text
    body = dry.json()
    assert (body["clean"], body["written"], body["created"]) == (True, False, 45)
    assert body["detail"] == "45 would be created, 0 updated, 0 unchanged"
    assert table_counts() == before
    done = post(api, dry_run=False).json()
    assert (done["written"], done["created"]) == (True, 45)
    again = post(api, dry_run=False).json()
    assert (again["created"], again["unchanged"]) == (0, 45)
    found = api.get("/work-orders?legacy_number=10232").json()["items"]
    assert [wo["title"] for wo in found] == ["Replace conveyor belt CV-102"]
    one = api.get(f"/work-orders/{found[0]['number']}").json()
    assert (one["legacy_number"], one["legacy_cost"]) == ("10232", "74800.00")
    assert ImportRun.objects.filter(created_by=importer).count() == 2  # not the dry run


@pytest.mark.django_db(transaction=True)
def test_the_api_answers_400_with_the_report_and_403_for_other_roles(
    mill: Site, importer: User, api_as: Any, make_user: Any
) -> None:
    bad = EXAMPLE_CSV.read_text(encoding="utf-8").replace(",Safety,", ",Misc,").encode()
    answer = post(api_as(importer), dry_run=False, data=bad)
    assert answer.status_code == 400
    body = answer.json()
    assert body["written"] is False and body["problem_count"] == 3
    assert body["unmapped"] == [{"column": "WO Type", "value": "Misc", "count": 3}]
    assert body["errors"][0]["field"].endswith(".WO Type")
    assert WorkOrder.objects.count() == 0
    planner = make_user("planner", mill)
    refused = post(api_as(planner), dry_run=True)
    assert refused.status_code == 403
    assert "needs the admin role" in refused.json()["detail"]


def test_the_command_exits_0_when_clean_and_1_with_the_report(
    mill: Site, importer: User, tmp_path: Any, capsys: Any
) -> None:
    args = ["work-orders", str(EXAMPLE_CSV), "--mapping", str(EXAMPLE_MAPPING)]
    call_command("import", *args, "--dry-run", "--as-user", "importer")
    out = capsys.readouterr().out
    assert "45 would be created, 0 updated, 0 unchanged" in out
    assert WorkOrder.objects.count() == 0
    call_command("import", *args, "--as-user", "importer")
    assert WorkOrder.objects.filter(site=mill).count() == 45
    broken = tmp_path / "broken.csv"
    broken.write_text(EXAMPLE_CSV.read_text(encoding="utf-8").replace(",CLOSE,", ",DONE,", 1))
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "import",
            "work-orders",
            str(broken),
            "--mapping",
            str(EXAMPLE_MAPPING),
            "--as-user",
            "importer",
        )
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert "row 2, column 'Status', value 'DONE'" in out
    assert "Status: 'DONE' × 1" in out


def test_the_console_command_is_wrench_import() -> None:
    shown = subprocess.run(
        [".venv/bin/wrench", "import", "--help"], capture_output=True, text=True, check=True
    )
    assert "--mapping" in shown.stdout and "--dry-run" in shown.stdout
