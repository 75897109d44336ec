"""`wrench send_notifications`: send the due outbox messages now (safe to run any time)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wrench.notifications.services import send_due


class Command(BaseCommand):
    help = "Send due notification e-mails from the outbox; failures are retried later."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--limit", type=int, default=1000, help="at most this many")

    def handle(self, *args: Any, limit: int, **options: Any) -> None:
        report = send_due(limit=limit)
        self.stdout.write(
            f"sent {report.sent}, retrying {report.retrying}, failed {report.failed}, "
            f"skipped {report.skipped} (no e-mail address)"
        )
