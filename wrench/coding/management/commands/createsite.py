"""`wrench createsite CODE --name NAME`: a new site with the spec's default coding at once."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wrench.coding.services import create_site
from wrench.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Create a site (plant) with the spec's default coding (urgency, reason, action, timing "
        "and failure coding), ready for requests; e.g. wrench createsite EAST --name 'East mill'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="Short code, the prefix of work order numbers (EAST)")
        parser.add_argument("--name", required=True, help="The plant's name")
        parser.add_argument("--closing-delay-days", type=int, help="Days from CO before CL")
        parser.add_argument("--allowed-variance-pct", help="Estimate rise allowed before WL (%%)")

    def handle(self, *args: Any, code: str, name: str, **options: Any) -> None:
        fields: dict[str, Any] = {}
        if options["closing_delay_days"] is not None:
            fields["closing_delay_days"] = options["closing_delay_days"]
        if options["allowed_variance_pct"] is not None:
            try:
                fields["allowed_variance_pct"] = Decimal(options["allowed_variance_pct"])
            except InvalidOperation as exc:
                raise CommandError("--allowed-variance-pct is a number, e.g. 10") from exc
        try:
            site = create_site(actor=None, code=code, name=name, **fields)
        except DomainError as exc:
            detail = "; ".join(f"{e.field}: {e.message}" for e in exc.errors)
            raise CommandError(f"{exc.detail}{' (' + detail + ')' if detail else ''}") from exc
        self.stdout.write(
            f"created site {site.code} ({site.name}) with the default coding; add people with "
            f"wrench createuser NAME --role ROLE --site {site.code}"
        )
