"""The admin's import page: upload, the dry-run table, confirm; a large file as a task."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from wrench.accounts.models import User
from wrench.assets.models import Site
from wrench.imports import runs
from wrench.imports.models import ImportRun, RunStatus
from wrench.imports.tests.conftest import EXAMPLE_CSV, EXAMPLE_MAPPING, table_counts
from wrench.workorders.models import WorkOrder


def upload(client: Client, *, dry_run: bool, data: bytes | None = None) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    form: dict[str, Any] = {
        "kind": "work-orders",
        "file": SimpleUploadedFile("legacy-work-orders.csv", data or EXAMPLE_CSV.read_bytes()),
        "mapping": SimpleUploadedFile("legacy-type-mapping.toml", EXAMPLE_MAPPING.read_bytes()),
    }
    if dry_run:
        form["dry_run"] = "on"
    return client.post("/imports/", form, follow=True)


@pytest.fixture
def admin_client(importer: User, tmp_path: Any, settings: Any) -> Client:
    settings.VAR_DIR = tmp_path
    client = Client()
    client.force_login(importer)
    return client


def test_only_the_admin_sees_the_import_page(
    mill: Site, make_user: Any, admin_client: Client
) -> None:
    planner = Client()
    planner.force_login(make_user("planner", mill))
    assert planner.get("/imports/").status_code == 403
    page = admin_client.get("/imports/")
    assert page.status_code == 200 and b"Move in from a legacy system" in page.content
    assert b'href="/imports/"' in admin_client.get("/").content  # in the navigation


def test_a_dry_run_shows_its_table_then_confirm_imports_the_same_file(
    mill: Site, admin_client: Client
) -> None:
    before = table_counts()
    page = upload(admin_client, dry_run=True)
    assert b"45 would be created, 0 updated, 0 unchanged" in page.content
    assert b"Coding health of the result" in page.content and b"Import it" in page.content
    after = table_counts()
    assert after.pop("imports.ImportRun") == before.pop("imports.ImportRun") + 1  # to confirm
    assert after == before
    dry = ImportRun.objects.get()
    done = admin_client.post(f"/imports/{dry.pk}/confirm", follow=True)
    assert b"45 created, 0 updated, 0 unchanged" in done.content and b"Written." in done.content
    assert WorkOrder.objects.filter(site=mill).count() == 45
    assert not ImportRun.objects.filter(stored_file__gt="").exists()  # the kept file is gone


def test_a_dry_run_with_problems_lists_them_and_offers_no_confirm(
    mill: Site, admin_client: Client
) -> None:
    bad = EXAMPLE_CSV.read_text(encoding="utf-8").replace(",Safety,", ",Misc,").encode()
    page = upload(admin_client, dry_run=True, data=bad)
    text = page.content.decode()
    assert "3 problem(s): nothing was written." in text
    assert "Values the mapping does not cover" in text and "Misc" in text
    assert "Import it" not in text


def test_a_large_file_runs_as_a_background_task_with_progress(
    mill: Site,
    admin_client: Client,
    monkeypatch: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr(runs, "BACKGROUND_BYTES", 100)  # the example counts as large
    with django_capture_on_commit_callbacks(execute=True):
        page = upload(admin_client, dry_run=False)
    run = ImportRun.objects.get()
    task = DBTaskResult.objects.get()
    assert task.task_path == "wrench.imports.tasks.run_import"
    assert task.args_kwargs["args"] == [run.pk] and run.status == RunStatus.QUEUED
    assert b"wrench db_worker" in page.content and b'hx-trigger="every 2s"' in page.content
    runs.execute(run.pk)  # what the worker does
    polled = admin_client.get(f"/imports/{run.pk}/report")
    assert b"45 created" in polled.content and b"hx-trigger" not in polled.content
    assert WorkOrder.objects.filter(site=mill).count() == 45
    runs.execute(run.pk)  # delivered twice: runs once
    assert WorkOrder.objects.filter(site=mill).count() == 45
