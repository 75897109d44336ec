"""Take the figures for one database (run with DATABASE_URL set; see runner)."""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import django
import requests

B1_QUERY = {
    "reason": "OP,RI,SA",
    "action": "RE,SE,RB,VA",
    "timing": "R,U,D",
    "status": "backlog",
    "asset": "SY01",
    "sort": "-priority,requested_at",
}
REPEAT = 40
BULK_REQUESTS = 5


def _stats(samples: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples)
    return {"median": round(statistics.median(ms), 2), "p95": round(ms[int(len(ms) * 0.95)], 2)}


def _timed(fn: Callable[[], Any], n: int = REPEAT) -> list[float]:
    fn()  # warm
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def b1(base: str, token: str | None) -> dict[str, Any]:
    from django.db import connection

    from wrench.accounts.models import User
    from wrench.coding.book import CodingBook
    from wrench.workorders.api import CODING_TRUSTED_FOR
    from wrench.workorders.filters import WorkOrderFilter
    from wrench.workorders.models import WorkOrder
    from wrench.workorders.rows import item_page

    user = User.objects.get(username="planner")
    flt = WorkOrderFilter.from_query(B1_QUERY)

    def page(cursor: str | None) -> tuple[list[dict[str, Any]], str | None]:
        # What the API's handler does for a JSON page (its main query is the plain SQL).
        books = CodingBook.for_sites(sorted(user.site_ids()), trust_for=CODING_TRUSTED_FOR)
        qs = flt.apply(WorkOrder.objects.visible_to(user), user=user, books=books)
        return item_page(qs, flt, books=books, limit=50, cursor=cursor)

    total = flt.apply(WorkOrder.objects.visible_to(user), user=user).count()
    cursors: list[str | None] = [None]
    for _ in range(min(40, total // 100)):  # half-way into the rows, at most page 40
        nxt = page(cursors[-1])[1]
        if not nxt:
            break
        cursors.append(nxt)
    out: dict[str, Any] = {"matching_rows": total, "deep_page": len(cursors)}
    for name, cursor in (("first", None), ("deep", cursors[-1])):
        out[f"{name}_orm"] = _stats(_timed(lambda c=cursor: page(c)))  # type: ignore[misc]
        seen: list[tuple[str, Any]] = []

        def spy(
            execute: Any, sql: str, params: Any, many: bool, context: Any, seen: Any = seen
        ) -> Any:
            seen.append((sql, params))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(spy):
            page(cursor)
        # The page's main query (the one on the work order table), with its parameters
        # bound as the application binds them: literal values can change SQLite's plan.
        main = next(q for q in seen if q[0].lstrip().startswith('SELECT "workorders_'))
        out[f"{name}_sql"] = _stats(_timed(lambda q=main: _plain(*q)))  # type: ignore[misc]
        if token:
            params = {**B1_QUERY, "limit": "50", **({"cursor": cursor} if cursor else {})}
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {token}"

            def get(p: dict[str, str] = params, session: requests.Session = session) -> None:
                r = session.get(f"{base}/api/v1/work-orders", params=p, timeout=10)
                r.raise_for_status()

            out[f"{name}_http"] = _stats(_timed(get))
            out[f"{name}_ratio"] = round(out[f"{name}_http"]["p95"] / out[f"{name}_sql"]["p95"], 1)
    return out


_RAW: Any = None


def _plain(sql: str, params: Any) -> None:
    """The same SQL straight through the driver, rows fetched."""
    global _RAW
    from django.db import connection

    if _RAW is None:
        s = connection.settings_dict
        if connection.vendor == "sqlite":
            _RAW = sqlite3.connect(str(s["NAME"]))
        else:
            import psycopg

            _RAW = psycopg.connect(
                dbname=s["NAME"], user=s["USER"], host=s["HOST"], port=s["PORT"], autocommit=True
            )
    if isinstance(_RAW, sqlite3.Connection):
        sql = sql.replace("%s", "?")  # Django's SQLite cursor does the same
    _RAW.execute(sql, params).fetchall()


def b4() -> dict[str, Any]:
    """The manager's dashboard for one site, as the reports app builds it for the page,
    its exports and the API (`catalog.build`): figures, tables and both charts. Also the
    time its SQL took and its query count (one build, queries captured)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wrench.accounts.models import User
    from wrench.core import clock
    from wrench.reports import catalog

    user = User.objects.get(username="manager")
    query = {"site": "MILL"}
    samples = _timed(lambda: catalog.build("dashboard", user, query), n=7)
    with CaptureQueriesContext(connection) as seen:
        catalog.build("dashboard", user, query)
    sql_ms = sum(float(q["time"]) for q in seen.captured_queries) * 1000
    # The "one site-year": the KPI report (SMRP figures) over last calendar year.
    year = clock.now().year - 1
    whole_year = {"site": "MILL", "from": f"{year}-01-01", "to": f"{year}-12-31"}
    year_samples = _timed(lambda: catalog.build("kpis", user, whole_year), n=5)
    return {
        **_stats(samples),
        "sql_ms": round(sql_ms, 1),
        "queries": len(seen),
        "kpi_year": year,
        "kpi_year_ms": _stats(year_samples),
    }


def token_for(username: str) -> str | None:
    try:
        out = subprocess.run(
            [sys.executable, "-m", "wrench.cli", "token", username],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.split()
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return None
    return out[-1] if out else None


def b2_b3(base: str, tokens: dict[str, str]) -> dict[str, Any]:
    """Creates by 8 clients, the bulk endpoint, and transitions: all bounded in count."""
    out: dict[str, Any] = {}

    def client(token: str) -> requests.Session:
        s = requests.Session()
        s.headers["Authorization"] = f"Bearer {token}"
        return s

    sessions = [client(tokens["supervisor"]) for _ in range(8)]
    body = {
        "site": "MILL",
        "title": "Bench: bearing noise",
        "description": "Raised by make bench.",
        "asset": "SY01",
        "urgency": "#",
    }
    n = 800

    def create(i: int) -> int:
        r = sessions[i % 8].post(f"{base}/api/v1/work-orders", json=body, timeout=30)
        return r.status_code

    t = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(create, range(n)))
    out["create_per_s"] = round(n / (time.perf_counter() - t))
    out["create_errors"] = sum(1 for c in codes if c >= 300)
    # The bulk endpoint: 1,000 rows a request (its maximum), one client, a few requests.
    rows = [{**body, "title": f"Bench bulk {i}"} for i in range(1000)]
    statuses = []
    t = time.perf_counter()
    for _ in range(BULK_REQUESTS):
        r = sessions[0].post(f"{base}/api/v1/work-orders/bulk", json={"rows": rows}, timeout=300)
        statuses.append(r.status_code)
    out["bulk_rows_per_s"] = round(BULK_REQUESTS * len(rows) / (time.perf_counter() - t))
    out["bulk_errors"] = sum(1 for c in statuses if c >= 300)
    from wrench.workorders.models import WorkOrder

    moves = [("BL", "PL", "planner"), ("PL", "RS", "planner"), ("RS", "SC", "scheduler")]
    jobs = []
    for frm, to, who in moves:
        candidates = WorkOrder.objects.filter(site__code="MILL", status=frm)
        if to == "RS":  # valid moves only: → RS waits for outstanding material (a 409)
            candidates = candidates.filter(material_lines__isnull=True)
        for number in candidates.values_list("number", flat=True)[:200]:
            jobs.append((number, to, who))
    people = {who: [client(tokens[who]) for _ in range(8)] for _, _, who in moves}
    failures: list[str] = []

    def move(i: int) -> int:
        number, to, who = jobs[i]
        r = people[who][i % 8].post(
            f"{base}/api/v1/work-orders/{number}/transition", json={"to": to}, timeout=30
        )
        if r.status_code >= 300:
            failures.append(f"{number} → {to}: {r.status_code} {r.text[:200]}")
        return r.status_code

    t = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(move, range(len(jobs))))
    out["transitions_per_s"] = round(len(jobs) / (time.perf_counter() - t))
    out["transition_errors"] = sum(1 for c in codes if c >= 300)
    out["transition_error_sample"] = failures[:3]
    return out


def main() -> None:
    base, out_path = sys.argv[1], sys.argv[2]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wrench.settings")
    django.setup()
    probe = requests.get(f"{base}/api/v1/work-orders", timeout=10).status_code
    has_api = probe != 404
    tokens = {}
    if has_api:
        for who in ("planner", "supervisor", "scheduler"):
            tok = token_for(who)
            if tok:
                tokens[who] = tok
    figures: dict[str, Any] = {"api": has_api and len(tokens) == 3}
    figures["b1"] = b1(base, tokens.get("planner"))
    figures["b4"] = b4()
    if figures["api"]:
        try:
            figures.update(b2_b3(base, tokens))
        except Exception as exc:  # a figure we could not take is reported, not fatal
            figures["b2_b3_error"] = repr(exc)
    with open(out_path, "w") as f:
        json.dump(figures, f, indent=1)


if __name__ == "__main__":
    main()
