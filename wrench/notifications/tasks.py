"""Background task: send the due outbox messages (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from wrench.notifications.services import send_due


@task()
def send_notifications() -> dict[str, int]:
    report = send_due()
    return {"sent": report.sent, "retrying": report.retrying, "failed": report.failed}
