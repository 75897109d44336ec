"""`wrench label_sweep`: remove QR label sheets (and their PDFs) finished over a week ago."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from wrench.assets.labels import SHEET_DAYS, sweep_expired


class Command(BaseCommand):
    help = f"Remove QR label sheets finished more than --days (default {SHEET_DAYS}) ago, with their PDFs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=SHEET_DAYS)

    def handle(self, *args: Any, **options: Any) -> None:
        removed = sweep_expired(days=options["days"])
        self.stdout.write(f"label sheets: {removed} expired removed")
