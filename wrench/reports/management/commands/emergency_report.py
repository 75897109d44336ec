"""`wrench emergency_report [--day YYYY-MM-DD] [--site CODE]`: queue the daily emergency
report to supervisors and managers. Each report covers everything raised since the site's
previous one, up to the end of the day asked for (or now): safe to run again, or early."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wrench.assets.models import Site
from wrench.reports import daily


class Command(BaseCommand):
    help = (
        "Queue the emergency report for every site: everything raised since the site's "
        "previous report, up to the end of --day (default: yesterday) or now."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="The day to report, YYYY-MM-DD (default: yesterday)")
        parser.add_argument("--site", help="Only this site code")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = dt.date.fromisoformat(options["day"]) if options["day"] else daily.yesterday()
        except ValueError as exc:
            raise CommandError(f"--day {options['day']!r} is not a date; write YYYY-MM-DD") from exc
        sites = Site.objects.all()
        if options["site"]:
            sites = sites.filter(code=options["site"])
            if not sites.exists():
                known = ", ".join(Site.objects.values_list("code", flat=True)) or "none"
                raise CommandError(f"no site {options['site']!r}; sites: {known}")
        for site in sites:
            sent = daily.send(site, day)
            if sent.already:
                self.stdout.write(
                    f"{sent.site} {day}: already sent (reported up to {_at(sent.covered_until)}); nothing queued."
                )
            else:
                self.stdout.write(
                    f"{sent.site} {day}: {sent.work_orders} emergency work order(s) raised "
                    f"{_at(sent.covered_from)}–{_at(sent.covered_until)}, "
                    f"queued to {sent.recipients} reader(s)."
                )


def _at(moment: dt.datetime | None) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else "–"
