"""Background task: the whole site's QR label sheet (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from wrench.assets.labels import make


@task()
def make_site_sheet(sheet_id: int) -> None:
    make(sheet_id)
