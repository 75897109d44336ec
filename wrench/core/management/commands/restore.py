"""`wrench restore FILE`: put back a backup made by `wrench backup` (stop the server first)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wrench.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database and the attachment files with FILE, a backup made by wrench "
        "backup. Stop the "
        "server and task workers first; run wrench migrate afterwards if the code is newer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        if not options["yes"] and options.get("interactive", True):
            answer = input(f"Replace everything in the database with {file}? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("nothing restored")
        try:
            what = restore(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored from {file}: {what}")
