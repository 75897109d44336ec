"""The admin's import page: upload a file and its mapping, read the dry run, confirm.

Views check the form and call the service (through `runs`); a large file runs as a
background task and its page polls the progress (htmx, no script of ours).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from wrench.accounts.models import User
from wrench.core.errors import DomainError
from wrench.imports import runs
from wrench.imports.models import ImportRun, RunStatus
from wrench.imports.services import available_kinds

PERMISSION = "imports.import_data"
RECENT = 20


def _admin(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    if not user.has_perm(PERMISSION):
        raise PermissionDenied(f"imports are for the admin; you are {user.role_label}")
    return user


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = _admin(request)
    error = ""
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        upload, mapping = request.FILES.get("file"), request.FILES.get("mapping")
        if kind not in available_kinds():
            error = f"choose what the file holds: {', '.join(available_kinds())}"
        elif upload is None or mapping is None:
            error = "choose the legacy file and its mapping file (TOML)"
        else:
            try:
                mapping_text = mapping.read().decode("utf-8")
            except UnicodeDecodeError:
                mapping_text, error = "", "the mapping file is not UTF-8 text (TOML)"
            if not error:
                path = runs.keep_upload(upload)
                run = runs.start(
                    actor=user,
                    kind=kind,
                    path=path,
                    file_name=upload.name or "upload",
                    mapping_text=mapping_text,
                    mapping_name=mapping.name or "mapping",
                    dry_run=request.POST.get("dry_run") == "on",
                )
                return redirect("imports:run", pk=run.pk)
    context: dict[str, Any] = {
        "kinds": available_kinds(),
        "error": error,
        "recent": ImportRun.objects.filter(created_by=user).select_related("site")[:RECENT],
    }
    return render(request, "imports/index.html", context, status=400 if error else 200)


def _run(request: HttpRequest, pk: int) -> ImportRun:
    user = _admin(request)
    run = ImportRun.objects.filter(pk=pk, created_by=user).select_related("site").first()
    if run is None:
        raise Http404(f"no import {pk} of yours")
    return run


def _context(run: ImportRun) -> dict[str, Any]:
    report = runs.report_of(run)
    pending = run.status in (RunStatus.QUEUED, RunStatus.RUNNING)
    done = runs.rows_read(run)
    share = round(100 * done / run.rows_total) if run.rows_total else None
    return {
        "run": run,
        "report": report,
        "pending": pending,
        "rows_done": done,
        "share": min(share, 99) if share is not None and pending else share,
        "may_confirm": (
            run.dry_run
            and run.status == RunStatus.DONE
            and report.get("clean")
            and bool(run.stored_file)
            and Path(run.stored_file).exists()
        ),
    }


@login_required
def run_page(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    return render(request, "imports/run.html", _context(run))


@login_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The report part of the run page, polled while the run is queued or running."""
    run = _run(request, pk)
    return render(request, "imports/_report.html", _context(run))


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Import for real the file of a clean dry run, with the same mapping."""
    dry = _run(request, pk)
    if not _context(dry)["may_confirm"]:
        return redirect("imports:run", pk=dry.pk)
    try:
        run = runs.start(
            actor=_admin(request),
            kind=dry.kind,
            path=Path(dry.stored_file),
            file_name=dry.file_name,
            mapping_text=dry.mapping,
            mapping_name=dry.mapping_name,
            dry_run=False,
        )
    except DomainError as exc:  # the file or mapping changed meaning since (a site removed)
        raise PermissionDenied(exc.detail) from None
    return redirect("imports:run", pk=run.pk)
