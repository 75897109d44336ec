"""`wrench backup FILE`: a consistent copy of the whole database while the server runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wrench.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Copy the whole plant to FILE (a tar): the database, consistent while the server keeps "
        "serving (SQLite: the online backup API; PostgreSQL: pg_dump custom format), and every "
        "attachment file (photos, documents, label sheets). Restore with wrench restore."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            kind = backup(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backed up to {file} ({kind}; {file.stat().st_size:,} bytes)")
