"""`wrench schedule_sweep`: freeze drafts past their cut-off, close weeks that are over."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wrench.scheduling.services import sweep


class Command(BaseCommand):
    help = "Freeze schedule weeks past their cut-off and close weeks that are over (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        done = sweep()
        for what in ("frozen", "closed"):
            weeks = done.get(what, [])
            self.stdout.write(f"{what}: {', '.join(weeks) if weeks else 'none'}")
