"""`wrench urgent_report [--site CODE]`: queue last week's urgent-work report (once a week)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wrench.assets.models import Site
from wrench.reports import weekly


class Command(BaseCommand):
    help = "Queue the weekly urgent-work report of the last full week for every site (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--site", help="Only this site code")

    def handle(self, *args: Any, **options: Any) -> None:
        sites = Site.objects.order_by("code")
        if options["site"]:
            sites = sites.filter(code=options["site"])
            if not sites.exists():
                raise CommandError(f"no site {options['site']!r}")
        for site in sites:
            sent = weekly.send(site)
            state = "already sent" if sent.already else f"queued to {sent.recipients} reader(s)"
            self.stdout.write(
                f"{sent.site} week of {sent.week}: {sent.emergency} E, {sent.urgent} U; {state}."
            )
