"""The bench table: one row per figure, a column per database, and the target."""

from __future__ import annotations

from typing import Any

TARGETS = {
    "B1 backlog first page p95 (ms), HTTP": "≤ 25",
    "B1 backlog deep page p95 (ms), HTTP": "≤ 25",
    "B1 first page p95 (ms), in-process ORM": "",
    "B1 deep page p95 (ms), in-process ORM": "",
    "B1 first page p95 (ms), plain SQL": "",
    "B1 deep page p95 (ms), plain SQL": "",
    "B1 HTTP ÷ plain SQL, first / deep": "≤ 3×",
    "B1 matching rows / deep page no.": "",
    "B2 create over HTTP, 8 clients (/s)": "≥ 400 (PostgreSQL)",
    "B2 bulk endpoint (rows/s)": "≥ 20,000",
    "B3 transitions over HTTP (/s)": "≥ 400",
    "B4 manager dashboard, one site (ms, median)": "≤ 500",
    "B4 of which SQL (ms) / queries": "",
    "B4 KPI report, one site-year (ms, median)": "≤ 500",
    "B5 synth (work orders/s)": "≥ 20,000",
    "B5 synth peak memory (MB)": "≤ 300",
    "B6 web worker resident memory (MB)": "≤ 150",
    "I1 import of historical work orders, legacy map (rows/s)": "≥ 10,000 (PostgreSQL)",
    "I1 peak memory (MB), whole file / a tenth of it": "flat in file size",
    "I1 second run, nothing to write (rows/s)": "",
    "machine load average (1 min) before / after": "",
}


def _cell(r: dict[str, Any], label: str) -> str:
    b1, b4, build = r.get("b1", {}), r.get("b4", {}), r.get("build", {})
    i1 = r.get("i1", {})

    def p95(key: str) -> str:
        return str(b1[key]["p95"]) if key in b1 else "n/a"

    na = "n/a (no API)" if not r.get("api") else "n/a"
    value: Any = {
        "B1 backlog first page p95 (ms), HTTP": p95("first_http") if r.get("api") else na,
        "B1 backlog deep page p95 (ms), HTTP": p95("deep_http") if r.get("api") else na,
        "B1 first page p95 (ms), in-process ORM": p95("first_orm"),
        "B1 deep page p95 (ms), in-process ORM": p95("deep_orm"),
        "B1 first page p95 (ms), plain SQL": p95("first_sql"),
        "B1 deep page p95 (ms), plain SQL": p95("deep_sql"),
        "B1 HTTP ÷ plain SQL, first / deep": (
            f"{b1.get('first_ratio')}× / {b1.get('deep_ratio')}×" if r.get("api") else na
        ),
        "B1 matching rows / deep page no.": f"{b1.get('matching_rows')} / {b1.get('deep_page')}",
        "B2 create over HTTP, 8 clients (/s)": r.get("create_per_s", na),
        "B2 bulk endpoint (rows/s)": r.get("bulk_rows_per_s", na),
        "B3 transitions over HTTP (/s)": r.get("transitions_per_s", na),
        "B4 manager dashboard, one site (ms, median)": b4.get("median", "n/a"),
        "B4 of which SQL (ms) / queries": f"{b4.get('sql_ms', 'n/a')} / {b4.get('queries', 'n/a')}",
        "B4 KPI report, one site-year (ms, median)": b4.get("kpi_year_ms", {}).get("median", "n/a"),
        "B5 synth (work orders/s)": build.get("synth_rows_per_s", "n/a"),
        "B5 synth peak memory (MB)": build.get("synth_peak_mb", "n/a"),
        "B6 web worker resident memory (MB)": r.get("worker_rss_mb", "n/a"),
        "I1 import of historical work orders, legacy map (rows/s)": (
            f"{i1['rows_per_s']:,} ({i1['rows']:,} rows)" if i1 else "n/a"
        ),
        "I1 peak memory (MB), whole file / a tenth of it": (
            f"{i1['peak_mb']} / {i1['tenth_peak_mb']}" if i1 else "n/a"
        ),
        "I1 second run, nothing to write (rows/s)": i1.get("second_run_rows_per_s", "n/a"),
        "machine load average (1 min) before / after": (
            f"{r.get('load_before', 'n/a')} / {r.get('load_after', 'n/a')}"
        ),
    }[label]
    return f"{value:,}" if isinstance(value, int) else str(value)


def rows(report: dict[str, Any]) -> list[list[str]]:
    res = report["results"]
    return [
        [
            label,
            *(_cell(res[db], label) if db in res else "–" for db in ("sqlite", "postgresql")),
            target,
        ]
        for label, target in TARGETS.items()
    ]


def render(report: dict[str, Any]) -> str:
    m = report["machine"]
    head = ["figure", "SQLite", "PostgreSQL", "target"]
    lines = [
        f"Wrench {report['version']} ({report['commit']}) at {report['scale']:,} work orders, "
        f"{m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB",
        "",
        "| " + " | ".join(head) + " |",
        "| --- | --- | --- | --- |",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in report["table"]]
    return "\n".join(lines)
