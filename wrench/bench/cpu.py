"""CPU per API request, in-process: what a web worker spends on each, without the network.

    DATABASE_URL=sqlite:///tmp/copy.sqlite3 python -m wrench.bench.cpu [-n 500] [--profile K]

Runs the requests of B1 (list page), B2 (create, bulk) and B3 (transitions) through the
project's WSGI application (DEBUG off, every middleware) against a database built by
`make bench`, and prints the process CPU time per request (per row for bulk). It writes,
so point it at a copy. `--profile create` prints that kind's cProfile instead (cumulative).
Wall-clock noise aside, these are the figures to compare before and after a change.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from collections.abc import Callable
from typing import Any

BODY = {
    "site": "MILL",
    "title": "Bench: bearing noise",
    "description": "Raised by make bench.",
    "asset": "SY01",
    "urgency": "#",
}


class Caller:
    """Calls the WSGI application as gunicorn does: a fresh environ, the body as a stream."""

    def __init__(self, token: str) -> None:
        from wrench.wsgi import application

        self.app = application
        self.token = token

    def __call__(self, method: str, path: str, body: Any = None, query: str = "") -> int:
        data = json.dumps(body).encode() if body is not None else b""
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1:8000",
            "HTTP_AUTHORIZATION": f"Bearer {self.token}",
            "HTTP_ACCEPT": "*/*",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(data)),
            "wsgi.input": io.BytesIO(data),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
        }
        status: list[str] = []

        def start_response(line: str, headers: Any, *exc_info: Any) -> Any:
            status.append(line)

        answer = self.app(environ, start_response)
        b"".join(answer)
        if hasattr(answer, "close"):
            answer.close()
        return int(status[0].split()[0])


def _token(username: str) -> str:
    from wrench.accounts.models import User
    from wrench.accounts.tokens import create_token

    user = User.objects.get(username=username)
    return create_token(actor=user, user=user, name="cpu bench").secret


def _jobs(n: int) -> list[tuple[str, str, str]]:
    """Valid transitions as B3 makes them: (number, to, username)."""
    from wrench.workorders.models import WorkOrder

    jobs = []
    for frm, to, who in (
        ("BL", "PL", "planner"),
        ("PL", "RS", "planner"),
        ("RS", "SC", "scheduler"),
    ):
        rows = WorkOrder.objects.filter(site__code="MILL", status=frm)
        if to == "RS":
            rows = rows.filter(material_lines__isnull=True)
        jobs += [(num, to, who) for num in rows.values_list("number", flat=True)[: n // 3 + 1]]
    return jobs[:n]


def kinds(n: int) -> dict[str, tuple[int, Callable[[], None]]]:
    """Each kind: (how many units it does, the function doing them)."""
    from wrench.bench.measure import B1_QUERY

    people = {who: Caller(_token(who)) for who in ("planner", "supervisor", "scheduler")}
    query = "&".join(f"{k}={v}" for k, v in {**B1_QUERY, "limit": "50"}.items())
    jobs = _jobs(n)
    bulk_rows = [{**BODY, "title": f"Bench bulk {i}"} for i in range(1000)]
    bulk_requests = max(1, n // 250)

    def expect(code: int, want: int, what: str) -> None:
        if code != want:
            raise SystemExit(f"{what}: HTTP {code}, expected {want}")

    def listing() -> None:
        for _ in range(n):
            expect(people["planner"]("GET", "/api/v1/work-orders", query=query), 200, "list")

    def create() -> None:
        for _ in range(n):
            expect(people["supervisor"]("POST", "/api/v1/work-orders", BODY), 201, "create")

    def transition() -> None:
        for number, to, who in jobs:
            path = f"/api/v1/work-orders/{number}/transition"
            expect(people[who]("POST", path, {"to": to}), 200, f"{number} → {to}")

    def bulk() -> None:
        for _ in range(bulk_requests):
            answer = people["supervisor"]("POST", "/api/v1/work-orders/bulk", {"rows": bulk_rows})
            expect(answer, 201, "bulk")

    return {
        "list": (n, listing),
        "create": (n, create),
        "transition": (len(jobs), transition),
        "bulk_row": (bulk_requests * len(bulk_rows), bulk),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=500, help="requests of each kind")
    parser.add_argument("--profile", help="list, create, transition or bulk_row")
    parser.add_argument("--only", help="comma-separated kinds to time")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lines", type=int, default=45)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wrench.settings")
    os.environ["WRENCH_DEBUG"] = "0"
    import django

    django.setup()
    warm = kinds(3)  # every path once first: imports, compiled SQL, caches
    for kind in ("list", "create", "transition"):
        warm[kind][1]()
    if args.profile:
        count, run = kinds(args.n)[args.profile]
        profile = cProfile.Profile()
        profile.runcall(run)
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
        stats.print_stats(args.lines)
        stats.sort_stats("tottime").print_stats(args.lines)
        print(f"{count} units")
        print(out.getvalue())
        return
    wanted = args.only.split(",") if args.only else ["list", "create", "transition", "bulk_row"]
    # Rounds of n/rounds units: the least CPU of the rounds is the figure least disturbed
    # by other processes sharing the cores (caches, frequency); the median is shown too.
    for kind in wanted:
        spent = []
        for _ in range(args.rounds):
            count, run = kinds(max(1, args.n // args.rounds))[kind]
            started = time.process_time()
            run()
            spent.append((time.process_time() - started) / max(count, 1) * 1e6)
        spent.sort()
        print(f"{kind:>10}: {spent[0]:6.0f} µs CPU each, median {spent[len(spent) // 2]:6.0f}")


if __name__ == "__main__":
    main()
