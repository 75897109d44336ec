"""`wrench run`: the whole product on one machine, as `make run` starts it.

Three processes in one tree: the web (`wrench serve`), the task worker (`wrench db_worker`)
and the periodic jobs (`wrench tick --every 60`). Ctrl-C (or SIGTERM) stops all three, and
when one of them ends the others are stopped too, so nothing is left running half-way.
In production run the three as separate services instead (README: Running in production).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

WRENCH = [sys.executable, "-m", "wrench.cli"]


class Command(BaseCommand):
    help = "Serve the web, run the task worker and `tick` every minute; Ctrl-C stops them all."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tick-every", type=int, default=60, help="Seconds between ticks")
        parser.add_argument("--bind", help="Address to serve on (default: WRENCH_PORT)")

    def handle(self, *args: Any, **options: Any) -> None:
        serve = [*WRENCH, "serve", *(["--bind", options["bind"]] if options["bind"] else [])]
        commands = {
            "web": serve,
            "worker": [*WRENCH, "db_worker"],
            "tick": [*WRENCH, "tick", "--every", str(options["tick_every"])],
        }
        # Unbuffered: each child's lines show as they are written, in order.
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        children = {name: subprocess.Popen(argv, env=env) for name, argv in commands.items()}
        stopping = False

        def stop(*_: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping:
                ended = [n for n, p in children.items() if p.poll() is not None]
                if ended:
                    self.stderr.write(f"{', '.join(ended)} ended; stopping the others")
                    break
                time.sleep(0.5)
        finally:
            for child in children.values():
                if child.poll() is None:
                    child.terminate()
            deadline = time.monotonic() + 10
            for child in children.values():
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
