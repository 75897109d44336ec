"""Background task: run a large import from the page (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from wrench.imports.runs import execute


@task()
def run_import(run_id: int) -> None:
    execute(run_id)
