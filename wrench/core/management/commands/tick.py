"""`wrench tick [--every SECONDS]`: run every periodic job once (or on a schedule).

The jobs, each idempotent on its own (running tick twice, or two at once, creates nothing
twice): PM generation (`pm_generate`), the daily emergency report (`emergency_report`), the
weekly urgent-work report (`urgent_report`), the notification sender
(`send_notifications`), the schedule sweep (`schedule_sweep`) and the label sheet sweep
(`label_sweep`: QR label PDFs finished over a week ago). They are called by
command name: core imports no domain app, and an app that is not installed is skipped.
A job that fails is logged and the others still run; the exit status says one failed.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser

log = logging.getLogger(__name__)
JOBS = (
    "pm_generate",
    "emergency_report",
    "urgent_report",
    "send_notifications",
    "schedule_sweep",
    "label_sweep",
)


class Command(BaseCommand):
    help = "Run every periodic job once (PM, reports, notifications, sweeps); --every to repeat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=int, default=0, help="Repeat every N seconds until stopped"
        )
        parser.add_argument("--only", help=f"Comma-separated jobs of: {', '.join(JOBS)}")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = list(JOBS)
        if options["only"]:
            jobs = [j.strip() for j in options["only"].split(",") if j.strip()]
            unknown = sorted(set(jobs) - set(JOBS))
            if unknown:
                raise CommandError(f"unknown job(s) {', '.join(unknown)}; jobs: {', '.join(JOBS)}")
        every = options["every"]
        while True:
            failed = self.run_once(jobs)
            if every <= 0:
                if failed:
                    raise CommandError(f"failed: {', '.join(failed)} (see the log)")
                return
            time.sleep(every)

    def run_once(self, jobs: list[str]) -> list[str]:
        known = get_commands()
        failed = []
        for job in jobs:
            if job not in known:
                continue  # its app is not installed
            started = time.perf_counter()
            try:
                call_command(job, stdout=self.stdout, stderr=self.stderr)
            except Exception:
                log.exception("tick: %s failed", job)
                failed.append(job)
                continue
            log.debug("tick: %s took %.2f s", job, time.perf_counter() - started)
        return failed
