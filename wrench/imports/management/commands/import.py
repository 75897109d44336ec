import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wrench.accounts.models import User
from wrench.core.errors import DomainError
from wrench.imports import runs
from wrench.imports.services import KINDS


class Command(BaseCommand):
    help = (
        "Import assets, work orders or stock from a legacy system: "
        "wrench import work-orders legacy.csv --mapping map.toml [--dry-run]. "
        "Exit code 0 when the file is clean (and written, unless --dry-run), 1 with the report."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", help=f"one of {', '.join(KINDS)}")
        parser.add_argument("file", help="CSV (UTF-8 or Windows-1252, any delimiter) or XLSX")
        parser.add_argument("--mapping", required=True, help="the TOML mapping file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report; write nothing"
        )
        parser.add_argument("--site", help="site code (default: the mapping's site)")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument(
            "--as-user",
            default=None,
            help="who imports (needs the admin role; default: the first superuser)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._actor(options["as_user"])
        path, mapping = Path(options["file"]), Path(options["mapping"])
        for given in (path, mapping):
            if not given.is_file():
                raise CommandError(f"no file {given}")
        try:
            with path.open("rb") as stream:
                _run, report = runs.run_now(
                    actor=actor,
                    kind=options["kind"],
                    stream=stream,
                    file_name=path.name,
                    mapping_text=mapping.read_text(encoding="utf-8"),
                    mapping_name=mapping.name,
                    dry_run=options["dry_run"],
                    site=options["site"],
                )
        except DomainError as exc:
            self.stderr.write(exc.detail)
            for error in exc.errors:
                self.stderr.write(f"  {error.field}: {error.message}")
            sys.exit(1)
        if options["json"]:
            import json

            self.stdout.write(json.dumps(report.as_dict(), indent=2, default=str))
        else:
            self.stdout.write(report.as_text(), ending="")
        if not report.clean:
            sys.exit(1)

    def _actor(self, username: str | None) -> User:
        if username:
            found = User.objects.filter(username=username).first()
            if found is None:
                raise CommandError(f"no user {username!r}")
            return found
        first = User.objects.filter(is_superuser=True).order_by("id").first()
        if first is None:
            first = User.objects.filter(groups__name="admin").order_by("id").first()
        if first is None:
            raise CommandError("no superuser or admin to import as; name one with --as-user")
        return first
