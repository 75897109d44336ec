"""`make bench`: build or reuse the databases, serve each with gunicorn, take the figures."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

import wrench

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench"
PY = sys.executable
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/postgres"


def _env(url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "WRENCH_DEBUG": "0", "WRENCH_LOG_LEVEL": "WARNING"}


def _wrench(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PY, "-m", "wrench.cli", *args], env=_env(url), check=True, capture_output=True, text=True
    )


def _pg_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
        return True
    except OSError:
        return False


def _pg_url(scale: int, seed: int) -> str:
    base = os.environ.get("DATABASE_URL") or PG_DEFAULT
    return re.sub(r"/[^/]*$", f"/wrench_bench_{scale}_s{seed}", base)


def build(vendor: str, url: str, scale: int, seed: int) -> dict[str, Any]:
    """Migrate, load the demo (people, coding), synth `scale` work orders; reuse if done."""
    marker = OUT / f"build-{vendor}-{scale}-s{seed}.json"
    if marker.exists():
        _wrench(url, "migrate", "--no-input", "-v", "0")  # indexes added since it was built
        return {**json.loads(marker.read_text()), "reused": True}
    if vendor == "postgresql":
        import psycopg

        name = url.rsplit("/", 1)[1]
        admin = re.sub(r"/[^/]*$", "/postgres", url)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        Path(url.removeprefix("sqlite://")).unlink(missing_ok=True)
    _wrench(url, "migrate", "--no-input", "-v", "0")
    _wrench(url, "demo")
    args = [PY, "-m", "wrench.cli", "synth", "--site", "MILL", "--work-orders", str(scale)]
    args += ["--assets", str(min(20000, max(500, scale // 250))), "--seed", str(seed)]
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=_env(url), stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(
            f"wrench synth failed on {vendor}: {proc.stdout.read() if proc.stdout else ''}"
        )
    figures = {
        "synth_rows_per_s": round(scale / seconds),
        "synth_peak_mb": round(usage.ru_maxrss / 1024),
        "synth_seconds": round(seconds, 1),
    }
    marker.write_text(json.dumps(figures))
    return {**figures, "reused": False}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _worker_rss_mb(master: int) -> float:
    worst = 0.0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            status = (proc / "status").read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master}$", status, re.M):
            kb = re.search(r"^VmRSS:\s+(\d+)", status, re.M)
            worst = max(worst, int(kb.group(1)) / 1024 if kb else 0)
    return round(worst, 1)


def measure(vendor: str, url: str) -> dict[str, Any]:
    load = _load()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "wrench.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "120",
        ],
        env=_env(url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                requests.get(base + "/", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.2)
        with tempfile.NamedTemporaryFile(suffix=".json") as tmp:
            subprocess.run(
                [PY, "-m", "wrench.bench.measure", base, tmp.name],
                env=_env(url),
                check=True,
                timeout=1800,
            )
            figures: dict[str, Any] = json.loads(Path(tmp.name).read_text())
        figures["worker_rss_mb"] = _worker_rss_mb(server.pid)
        figures["load_before"], figures["load_after"] = load, _load()
        return figures
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)


def _load() -> float:
    """The 1-minute load average: other work on the machine skews every figure."""
    return round(os.getloadavg()[0], 2)


def machine() -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None,
        "python": platform.python_version(),
    }


def schedule_bench() -> dict[str, Any]:
    """S1: the optimiser on synthetic weeks, then the board at that size (wrench.bench.s1*)."""
    print("[s1] optimiser on 2,000 ready work orders × 30 crews × 5 days …", flush=True)
    subprocess.run([PY, "-m", "wrench.bench.s1"], check=True, timeout=1800)
    print("[s1] the board page at that size …", flush=True)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    subprocess.run([PY, "-m", "wrench.bench.s1_board"], check=True, timeout=1800, env=env)
    return {
        "solver": json.loads((OUT / "s1.json").read_text()),
        "board": json.loads((OUT / "s1-board.json").read_text()),
        "load_after": _load(),
    }


def main() -> None:
    suites = os.environ.get("BENCH_SUITES", "s1,db,i1").split(",")
    OUT.mkdir(parents=True, exist_ok=True)
    if "s1" in suites:
        s1 = schedule_bench()
        (OUT / "s1-latest.json").write_text(json.dumps({"machine": machine(), **s1}, indent=1))
    if "db" not in suites:
        return
    scale = int(os.environ.get("BENCH_SCALE", "1000000"))
    seed = int(os.environ.get("BENCH_SEED", "1"))
    OUT.mkdir(parents=True, exist_ok=True)
    targets = {"sqlite": f"sqlite://{OUT / f'bench-{scale}-s{seed}.sqlite3'}"}
    if os.environ.get("DATABASE_URL") or _pg_answers():
        targets["postgresql"] = _pg_url(scale, seed)
    if os.environ.get("BENCH_DATABASES"):
        wanted = os.environ["BENCH_DATABASES"].split(",")
        targets = {k: v for k, v in targets.items() if k in wanted}
    results: dict[str, Any] = {}
    for vendor, url in targets.items():
        print(f"[{vendor}] building or reusing {scale:,} work orders …", flush=True)
        built = build(vendor, url, scale, seed)
        print(f"[{vendor}] measuring …", flush=True)
        results[vendor] = {"build": built, **measure(vendor, url)}
    from wrench.bench import imports

    i1_rows = int(os.environ.get("BENCH_I1_ROWS", "100000"))
    for vendor, url in imports.targets().items() if "i1" in suites else ():
        print(f"[{vendor}] I1: importing {i1_rows:,} historical work orders …", flush=True)
        results.setdefault(vendor, {})["i1"] = imports.run(vendor, url, i1_rows)
    report: dict[str, Any] = {
        "scale": scale,
        "seed": seed,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "version": wrench.__version__,
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "machine": machine(),
        "results": results,
    }
    from wrench.bench.table import render, rows

    report["table"] = rows(report)
    name = OUT / f"bench-{scale}-{report['at'][:19].replace(':', '')}.json"
    for path in (name, OUT / "latest.json"):
        path.write_text(json.dumps(report, indent=1))
    print(render(report))
    print(f"\nWritten to {name}")


if __name__ == "__main__":
    main()
