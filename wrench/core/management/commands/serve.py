import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Wrench as in production: gunicorn with WRENCH_WORKERS workers on WRENCH_PORT."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bind", default=f"127.0.0.1:{settings.WRENCH_PORT}")
        parser.add_argument("--workers", type=int, default=settings.WRENCH_WORKERS)

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Wrench on http://{options['bind']}/  (Ctrl-C stops it)")
        # `python -m gunicorn` from this interpreter: works without an activated virtualenv.
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "wrench.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
        ]
        os.execv(argv[0], argv)
