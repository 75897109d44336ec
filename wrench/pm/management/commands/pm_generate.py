"""`wrench pm_generate [--site CODE]`: raise the work of every due PM plan (idempotent)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wrench.assets.models import Site
from wrench.pm.generate import follow_completions, generate


class Command(BaseCommand):
    help = "Raise one work order per due PM occurrence; running it again raises nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--site", help="Only this site code")

    def handle(self, *args: Any, **options: Any) -> None:
        sites = Site.objects.order_by("code")
        if options["site"]:
            sites = sites.filter(code=options["site"])
            if not sites.exists():
                raise CommandError(f"no site {options['site']!r}")
        for site in sites:
            started = time.perf_counter()
            moved = follow_completions(site=site)
            got = generate(site=site)
            took = time.perf_counter() - started
            self.stdout.write(
                f"{site.code}: {got.checked} plan(s) checked, {len(got.raised)} work order(s) "
                f"raised, {len(got.failed)} failed, {moved} floating plan(s) re-dated "
                f"({took:.2f} s)"
            )
            for plan_id, why in got.failed.items():
                self.stderr.write(f"  PM plan {plan_id}: {why}")
