import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wrench.accounts.models import User
from wrench.core.errors import DomainError
from wrench.workorders import exports
from wrench.workorders.filters import WorkOrderFilter
from wrench.workorders.models import WorkOrder


class Command(BaseCommand):
    help = (
        "Export a filtered work order list as CSV or XLSX, with the API's filters: "
        "wrench export --format csv --reason SA,EN --status backlog --sort -priority"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="File to write (default: standard output, CSV only)")
        parser.add_argument(
            "--as-user", help="Export what this user sees (default: every site)", default=None
        )
        for name, field in WorkOrderFilter.model_fields.items():
            if name == "extra_codes":
                continue
            parser.add_argument(
                f"--{name.replace('_', '-')}", dest=f"filter_{name}", help=field.description
            )
        parser.add_argument(
            "--code",
            action="append",
            default=[],
            metavar="KEY=VALUES",
            help="A characteristic an admin added, e.g. --code shift=D,N",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        query = {
            key.removeprefix("filter_"): value
            for key, value in options.items()
            if key.startswith("filter_") and value is not None
        }
        for pair in options["code"]:
            key, _, value = pair.partition("=")
            query[key] = value
        user = self._user(options["as_user"])
        try:
            flt = WorkOrderFilter.from_query(query)
            qs = flt.apply(WorkOrder.objects.visible_to(user), user=user)
            if options["format"] == "xlsx":
                if not options["output"]:
                    raise CommandError("XLSX needs --output FILE")
                count = exports.write_xlsx(qs, options["output"])
            elif options["output"]:
                with open(options["output"], "w", newline="", encoding="utf-8") as out:
                    count = exports.write_csv(qs, out)
            else:
                count = exports.write_csv(qs, sys.stdout)
        except DomainError as exc:
            raise CommandError(
                "; ".join([exc.detail, *(f"{e.field}: {e.message}" for e in exc.errors)])
            ) from exc
        self.stderr.write(f"{count} work orders exported")

    def _user(self, username: str | None) -> User:
        if username:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"no user {username!r}")
            return user
        # The operator at the console sees every site, like a superuser.
        return User(username="console", is_superuser=True)
