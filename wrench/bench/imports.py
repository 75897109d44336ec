"""I1 of `make bench`: importing historical work orders with the legacy Type map.

A legacy export like docs/examples/legacy-work-orders.csv, but of `BENCH_I1_ROWS` (default
100,000) closed work orders over five years, is written once to var/bench/. Each database
is made afresh (migrate, the demo plant for its site, people and equipment), then a child
process runs `import_file` on it (the service the command, the API and the page call):
rows per second of the import itself, and the child's peak memory, at the full size and
at a tenth of it (memory must not grow with the file: it is streamed).

`python -m wrench.bench.imports` runs I1 alone (BENCH_DATABASES=sqlite limits it).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench"
EXAMPLES = ROOT / "docs" / "examples"
MAPPING = EXAMPLES / "legacy-type-mapping.toml"
PY = sys.executable

# (type, priority, craft or "" for none, project prefix or "")
TYPES = [
    ("Corrective", "3", "MECH", ""),
    ("Preventive", "3", "MECH", ""),
    ("Emergency", "1", "ELEC", ""),
    ("Safety", "2", "WELD", ""),
    ("Environment", "2", "OPER", ""),
    ("Capital", "3", "MECH", "CAP"),
    ("Contractor", "3", "", ""),
    ("Machine/tooling", "4", "WELD", ""),
    ("Maint. project", "3", "MECH", "MM"),
    ("Modification", "3", "ELEC", ""),
    ("Process mod.", "3", "MECH", ""),
    ("Production support", "3", "INST", ""),
    ("Spares", "4", "MECH", ""),
    ("Standing WO", "4", "MECH", ""),
    ("Warranty", "2", "MECH", ""),
]
WEIGHTS = [30, 25, 6, 5, 3, 3, 6, 2, 2, 4, 3, 4, 3, 2, 2]


def legacy_file(rows: int, seed: int = 1, first: int = 500000) -> Path:
    """The legacy export of `rows` closed work orders numbered from `first` (written once,
    then reused)."""
    path = OUT / f"legacy-{rows}-s{seed}-{first}.csv"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    with (EXAMPLES / "legacy-work-orders.csv").open(encoding="utf-8") as f:
        example = list(csv.DictReader(f))
    header = list(example[0])
    assets = sorted({r["Equipment"] for r in example})
    rng = random.Random(seed)
    end = dt.date.today() - dt.timedelta(days=60)  # every date below stays in the past
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for n in range(rows):
            kind, priority, craft, project = rng.choices(TYPES, WEIGHTS)[0]
            reported = end - dt.timedelta(days=rng.randrange(5 * 365))
            finished = reported + dt.timedelta(days=rng.randrange(20))
            closed = finished + dt.timedelta(days=7 + rng.randrange(14))
            hours = rng.randrange(1, 400) / 4
            asset = rng.choice(assets)
            writer.writerow(
                [
                    str(first + n),
                    f"{kind} work on {asset}",
                    f"Legacy work order {first + n}: {kind.lower()} on {asset}.",
                    asset,
                    kind,
                    priority,
                    "CLOSE",
                    reported.strftime("%d/%m/%Y"),
                    finished.strftime("%d/%m/%Y"),
                    closed.strftime("%d/%m/%Y"),
                    f"{hours:.2f}",
                    f"{hours * 95 + rng.randrange(5000):.2f}",
                    str(rng.randrange(1, 200) * 100),
                    f"{project}-{reported.year}-{rng.randrange(1, 40):03d}" if project else "",
                    craft,
                ]
            )
    tmp.rename(path)
    return path


def _env(url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "WRENCH_DEBUG": "0", "WRENCH_LOG_LEVEL": "WARNING"}


def _fresh(vendor: str, url: str) -> None:
    if vendor == "postgresql":
        import psycopg

        name = url.rsplit("/", 1)[1]
        admin = re.sub(r"/[^/]*$", "/postgres", url)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        Path(url.removeprefix("sqlite://")).unlink(missing_ok=True)
    for args in (["migrate", "--no-input", "-v", "0"], ["demo"]):
        subprocess.run(
            [PY, "-m", "wrench.cli", *args], env=_env(url), check=True, capture_output=True
        )


def _child(url: str, path: Path) -> dict[str, Any]:
    """Run the import in a child process: its own timing, and its peak memory."""
    proc = subprocess.Popen(
        [PY, "-m", "wrench.bench.imports", "--child", str(path)],
        env=_env(url),
        stdout=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    text = proc.stdout.read() if proc.stdout else ""
    if status != 0:
        raise SystemExit(f"I1 import failed: {text}")
    return {**json.loads(text.strip().splitlines()[-1]), "peak_mb": round(usage.ru_maxrss / 1024)}


def run(vendor: str, url: str, rows: int) -> dict[str, Any]:
    """I1 on one database: the import of `rows`, and of a tenth of them (memory check)."""
    # The tenth is numbered apart (from 9,000,000), so one database serves all three runs.
    small, full = legacy_file(max(1000, rows // 10), first=9000000), legacy_file(rows)
    _fresh(vendor, url)
    tenth = _child(url, small)
    load = round(os.getloadavg()[0], 2)
    whole = _child(url, full)
    again = _child(url, full)  # a second run: nothing to create, everything compared
    return {
        "rows": rows,
        "rows_per_s": whole["rows_per_s"],
        "seconds": whole["seconds"],
        "peak_mb": whole["peak_mb"],
        "tenth_rows": tenth["rows"],
        "tenth_peak_mb": tenth["peak_mb"],
        "second_run_rows_per_s": again["rows_per_s"],
        "second_run_unchanged": again["unchanged"],
        "load": load,
    }


def child(path: Path) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wrench.settings")
    django.setup()
    from wrench.accounts.models import User
    from wrench.imports.services import import_file

    actor = User.objects.get(username="admin")
    with path.open("rb") as stream:
        started = time.perf_counter()
        report = import_file(
            actor=actor,
            kind="work-orders",
            stream=stream,
            file_name=path.name,
            mapping_text=MAPPING.read_text(encoding="utf-8"),
            mapping_name=MAPPING.name,
            dry_run=False,
        )
        seconds = time.perf_counter() - started
    if not report.clean:
        raise SystemExit(report.as_text())
    print(
        json.dumps(
            {
                "rows": report.rows,
                "created": report.created,
                "unchanged": report.unchanged,
                "seconds": round(seconds, 2),
                "rows_per_s": round(report.rows / seconds),
            }
        )
    )


def targets() -> dict[str, str]:
    from wrench.bench.runner import _pg_answers

    found = {"sqlite": f"sqlite://{OUT / 'bench-i1.sqlite3'}"}
    if os.environ.get("DATABASE_URL") or _pg_answers():
        base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
        found["postgresql"] = re.sub(r"/[^/]*$", "/wrench_bench_i1", base)
    if os.environ.get("BENCH_DATABASES"):
        wanted = os.environ["BENCH_DATABASES"].split(",")
        found = {k: v for k, v in found.items() if k in wanted}
    return found


def main() -> None:
    rows = int(os.environ.get("BENCH_I1_ROWS", "100000"))
    for vendor, url in targets().items():
        print(f"[{vendor}] I1: importing {rows:,} historical work orders …", flush=True)
        print(json.dumps({vendor: run(vendor, url, rows)}), flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(Path(sys.argv[2]))
    else:
        main()
