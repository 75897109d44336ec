"""`wrench lifecycle_doc [--write]`: print (or write into docs/lifecycle.md) the table of
moves generated from the lifecycle table."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from wrench.workorders import lifecycle_doc


class Command(BaseCommand):
    help = "Print the lifecycle table as Markdown, or rewrite it in docs/lifecycle.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--write", action="store_true", help="rewrite docs/lifecycle.md")

    def handle(self, *args: Any, write: bool = False, **options: Any) -> None:
        if not write:
            self.stdout.write(lifecycle_doc.table())
            return
        doc = lifecycle_doc.DOC
        doc.write_text(lifecycle_doc.rendered(doc.read_text()))
        self.stdout.write(f"wrote {doc}")
