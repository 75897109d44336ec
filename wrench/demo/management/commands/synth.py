import datetime as dt
import resource
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wrench.core import clock
from wrench.core.errors import ValidationFailed
from wrench.demo.synth.run import BATCH, synthesize


class Command(BaseCommand):
    help = (
        "Add a synthetic plant to a site: an equipment tree and N work orders over Y years, "
        "deterministic for a seed (benchmarks, load tests). Writes no simple-history rows."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--work-orders", type=int, default=10_000)
        parser.add_argument("--assets", type=int, default=2_000, help="size of the tree")
        parser.add_argument("--years", type=float, default=5.0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--site", default="SYN", help="site code (created if missing)")
        parser.add_argument(
            "--until", type=dt.date.fromisoformat, default=None, help="last day (default today)"
        )
        parser.add_argument("--batch", type=int, default=BATCH)

    def handle(self, *args: Any, **o: Any) -> None:
        if o["work_orders"] < 0 or o["years"] <= 0 or o["batch"] < 1:
            raise CommandError("--work-orders ≥ 0, --years > 0 and --batch ≥ 1 are required")
        started = time.perf_counter()
        try:
            n = synthesize(
                site_code=o["site"],
                work_orders=o["work_orders"],
                assets=o["assets"],
                years=o["years"],
                seed=o["seed"],
                until=o["until"] or clock.now().date(),
                batch=o["batch"],
                say=self.stdout.write,
            )
        except ValidationFailed as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"{n:,} work orders in {seconds:.1f} s ({n / max(seconds, 1e-9):,.0f}/s), "
            f"peak memory {peak_mb:.0f} MB"
        )
