"""Import runs: each import on record (ImportRun), run at once or as a background task.

The command and the API run an import at once (`run_now`). The page keeps the uploaded
file under var/imports/ so that a clean dry run can be confirmed without sending it again,
and runs a large file as a background task (`start`); the task's progress goes to a small
file beside it, because the import's own transaction hides its rows (and, on SQLite, holds
the write lock) until the end.
"""

from __future__ import annotations

import json
import logging
import uuid
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from wrench.accounts.models import User
from wrench.core.errors import DomainError
from wrench.imports.models import ImportRun, RunStatus
from wrench.imports.report import Report
from wrench.imports.services import import_file

# Files above this run as a background task from the page (about 10,000 work order rows).
BACKGROUND_BYTES = 2 * 1024 * 1024


def folder() -> Path:
    path = Path(settings.VAR_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def run_now(
    *,
    actor: User,
    kind: str,
    stream: IO[bytes],
    file_name: str,
    mapping_text: str,
    mapping_name: str,
    dry_run: bool,
    site: str | None = None,
) -> tuple[ImportRun | None, Report]:
    """Import (or dry-run) at once; an import is kept on record with its report (a dry
    run writes nothing at all: no run either)."""
    report = import_file(
        actor=actor,
        kind=kind,
        stream=stream,
        file_name=file_name,
        mapping_text=mapping_text,
        mapping_name=mapping_name,
        dry_run=dry_run,
        site=site,
    )
    if dry_run:
        return None, report
    run = ImportRun.objects.create(
        site_id=_site_id(report.site),
        kind=kind,
        file_name=file_name[:200],
        mapping_name=mapping_name[:200],
        mapping=mapping_text,
        dry_run=dry_run,
        status=RunStatus.DONE,
        rows_read=report.rows,
        rows_total=report.rows,
        report=report.as_dict(),
        created_by=actor,
        created_at=timezone.now(),
        finished_at=timezone.now(),
    )
    return run, report


def _site_id(code: str) -> int | None:
    from wrench.assets.models import Site

    return Site.objects.filter(code=code).values_list("id", flat=True).first()


def keep_upload(upload: UploadedFile) -> Path:
    """Store an uploaded file under var/imports/ (streamed in chunks) and return its path."""
    suffix = Path(upload.name or "").suffix.lower()[:8]
    path = folder() / f"{uuid.uuid4().hex}{suffix}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def start(
    *,
    actor: User,
    kind: str,
    path: Path,
    file_name: str,
    mapping_text: str,
    mapping_name: str,
    dry_run: bool,
) -> ImportRun:
    """Record a run of the kept file `path`; small files run now, large ones as a task."""
    run = ImportRun.objects.create(
        kind=kind,
        file_name=file_name[:200],
        stored_file=str(path),
        mapping_name=mapping_name[:200],
        mapping=mapping_text,
        dry_run=dry_run,
        rows_total=_estimate_rows(path),
        created_by=actor,
        created_at=timezone.now(),
    )
    if path.stat().st_size <= BACKGROUND_BYTES:
        execute(run.pk)
        run.refresh_from_db()
    else:
        from wrench.imports.tasks import run_import

        transaction.on_commit(lambda: run_import.enqueue(run.pk))
    return run


def _estimate_rows(path: Path) -> int | None:
    """Rows in the file, estimated from its first 64 kB (for the progress shown)."""
    with path.open("rb") as stream:
        head = stream.read(64 * 1024)
    lines = head.count(b"\n")
    if not lines or head.startswith(b"PK"):
        return None
    return max(0, int(path.stat().st_size / (len(head) / lines)) - 1)


def progress_file(run_id: int) -> Path:
    return folder() / f"run-{run_id}.progress"


def rows_read(run: ImportRun) -> int:
    """How far a running import has got (its progress file), else the rows on record."""
    if run.status == RunStatus.RUNNING:
        try:
            return int(progress_file(run.pk).read_text() or 0)
        except (OSError, ValueError):
            return 0
    return run.rows_read


def execute(run_id: int) -> None:
    """Run a recorded import (the task's body): its report goes on the run."""
    run = ImportRun.objects.select_related("created_by").get(pk=run_id)
    if run.status not in (RunStatus.QUEUED,):
        return  # a task delivered twice runs once
    ImportRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    run.status = RunStatus.RUNNING
    marker = progress_file(run.pk)

    def progress(rows: int) -> None:
        marker.write_text(str(rows))

    status, report_data, rows = RunStatus.DONE, None, 0
    try:
        with open(run.stored_file, "rb") as stream:
            report = import_file(
                actor=run.created_by,
                kind=run.kind,
                stream=stream,
                file_name=run.file_name,
                mapping_text=run.mapping,
                mapping_name=run.mapping_name,
                dry_run=run.dry_run,
                progress=progress,
            )
        report_data, rows = report.as_dict(), report.rows
        site_id = _site_id(report.site)
    except DomainError as exc:
        report_data = {"clean": False, "refused": exc.detail, **exc.as_dict()}
        site_id = None
    except Exception:  # the run must not stay "running" for ever
        logging.getLogger(__name__).exception("import run %s failed", run.pk)
        status, site_id = RunStatus.FAILED, None
        report_data = {"clean": False, "refused": "the import stopped with an internal error"}
    ImportRun.objects.filter(pk=run.pk).update(
        status=status,
        site_id=site_id,
        rows_read=rows,
        report=report_data,
        finished_at=timezone.now(),
    )
    marker.unlink(missing_ok=True)
    if report_data and report_data.get("written"):
        forget_file(run)


def forget_file(run: ImportRun) -> None:
    """Remove a kept file once it is imported: nothing more can be done with it."""
    if run.stored_file:
        Path(run.stored_file).unlink(missing_ok=True)
        ImportRun.objects.filter(stored_file=run.stored_file).update(stored_file="")


def report_of(run: ImportRun) -> dict[str, Any]:
    return run.report if isinstance(run.report, dict) else json.loads(run.report or "{}")
