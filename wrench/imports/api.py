"""API: imports from a legacy system. The handler reads the form and calls the service."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from wrench.core.errors import FieldError, ValidationFailed
from wrench.core.schemas import answers
from wrench.imports import runs
from wrench.imports.report import Report
from wrench.imports.schemas import ReportOut

router = Router(tags=["imports"])


def summary(report: Report) -> tuple[str, list[FieldError]]:
    """The report's one-line verdict and its problems in the API's error shape."""
    errors = [FieldError(f"row {p.row}.{p.column}", p.message) for p in report.problems]
    if report.refused:
        return report.refused, errors
    if report.problem_count:
        return (
            f"nothing was written: {report.problem_count} problem(s) in {report.file}",
            errors,
        )
    verb = "would be" if report.dry_run else "were"
    return (
        f"{report.created} {verb} created, {report.updated} updated, {report.unchanged} unchanged",
        errors,
    )


@router.post("/imports", response=answers({200: ReportOut, 400: ReportOut}, 403))
def import_file(
    request: HttpRequest,
    kind: Form[str],
    file: File[UploadedFile],
    mapping: File[UploadedFile],
    dry_run: Form[bool] = False,
    site: Form[str] | None = None,
) -> Status[dict[str, Any]]:
    """Import (or, with `dry_run`, check) a legacy file: `kind` is work-orders, assets or
    stock-items; `file` a CSV (any delimiter, UTF-8 or Windows-1252) or XLSX; `mapping` the
    TOML mapping file (docs/import.md). All or nothing: 200 with the report when the file
    is clean (written unless a dry run), 400 with the report when not (nothing written)."""
    try:
        mapping_text = mapping.read().decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationFailed(
            "the mapping file is not UTF-8 text", errors=[FieldError("mapping", "TOML, UTF-8")]
        ) from None
    _, report = runs.run_now(
        actor=request.auth,  # type: ignore[attr-defined]
        kind=kind,
        stream=file.file,  # type: ignore[arg-type]  # an upload always has its file
        file_name=file.name or "upload",
        mapping_text=mapping_text,
        mapping_name=mapping.name or "mapping",
        dry_run=dry_run,
        site=site,
    )
    detail, errors = summary(report)
    body = {"detail": detail, **report.as_dict(), "errors": [e.as_dict() for e in errors]}
    return Status(200 if report.clean else 400, body)
