"""Imports run downward only: an app imports `core` and the apps below it, never one above.

Read from the source (every `import` and `from … import` in wrench/**/*.py, inside functions
and under `if TYPE_CHECKING:` too: a lazy import upward is still a dependency upward). Names in
strings are not imports: the lifecycle table's `later("wrench.materials.effects.…")` binds an
upper app's effect without workorders importing it, and that is the point of it. Pages compose
sections of the apps above them the same way, by template tag (`{% planning_panel wo %}`).

A new app takes its place in LAYERS; a new import between peers of one layer is argued onto
PEERS. Tests are held to the same rule (a test that needs an app above its own belongs to that
app); they alone may import `wrench.testing`, the shared factories, which sees every app.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the wrench package

# Bottom to top. A unit is an app (a package directly under wrench/) or "project": the
# modules at wrench/ itself (settings, urls, api, wsgi, cli, env, conftest) and wrench/tests/.
LAYERS: list[set[str]] = [
    {"core"},  # errors, clock, paging, base schemas, what every API router shares
    {"assets"},  # sites, areas, cost centres, trades, crews, the equipment tree
    {"accounts"},  # people, roles, the sites a person works at, tokens
    {"coding"},  # characteristics, value lists, definitions, process effects
    {"workorders"},  # the work order, the lifecycle table and transition(), events
    {"approvals", "labor", "materials", "planning", "notifications"},
    {"scheduling", "pm", "imports"},  # (apps to come: their place is kept)
    {"reports"},
    {"home", "demo", "bench", "project"},  # on top: nothing imports them
]

# Within one layer peers are independent, except where a line here says who builds on whom.
PEERS: dict[str, set[str]] = {
    # The planner's desk: labour estimates, job plans (which reserve stock) and the estimate
    # rolled up from labour and material lines, checked against the approved amount.
    "planning": {"approvals", "labor", "materials"},
    # Whom to tell: the approver the routing rule named, the prior approvers.
    "notifications": {"approvals"},
    # Moving in: meters and their readings are made through pm's services (lazily: without
    # pm the kind is refused).
    "imports": {"pm"},
    # The CPU benchmark serves requests in-process through wrench.wsgi.
    "bench": {"project"},
}

# Upward imports that are being removed. Each names who removes it; an entry that no longer
# matches an import fails the test, so the list only shrinks.
ALLOWED: dict[tuple[str, str], str] = {}

RANK = {unit: n for n, layer in enumerate(LAYERS) for unit in layer}


def unit_of(module: str) -> str:
    parts = module.split(".")
    assert parts[0] == "wrench", module
    if len(parts) == 1 or parts[1] == "tests" or (ROOT / f"{parts[1]}.py").exists():
        return "project"
    return parts[1]


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_test(path: Path) -> bool:
    rel = path.relative_to(ROOT)
    return "tests" in rel.parts[:-1] or rel.name == "conftest.py" or rel.name.startswith("test_")


def imports_of(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) for every import of a wrench module in the file."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    nodes = sorted(
        (n for n in ast.walk(ast.parse(path.read_text(), str(path))) if hasattr(n, "lineno")),
        key=lambda n: n.lineno,
    )
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target == "wrench":  # from wrench import env → wrench.env
                for alias in node.names:
                    yield node.lineno, f"wrench.{alias.name}"
            else:
                yield node.lineno, target


def _sources() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "migrations" not in p.parts)


def violations() -> tuple[list[str], set[tuple[str, str]]]:
    found, used = [], set()
    for path in _sources():
        rel = str(path.relative_to(ROOT))
        here = unit_of(_module_name(path))
        for line, target in imports_of(path):
            if not (target == "wrench" or target.startswith("wrench.")):
                continue
            there = unit_of(target)
            if there == here:
                continue
            if (rel, target) in ALLOWED:
                used.add((rel, target))
                continue
            where = f"wrench/{rel}:{line} ({here}) imports {target} ({there})"
            if there == "testing" or here == "testing":
                if there == "testing" and not _is_test(path):
                    found.append(f"{where}: wrench.testing is for tests only")
                continue
            if here not in RANK or there not in RANK:
                unknown = here if here not in RANK else there
                found.append(f"{where}: give the app {unknown!r} its place in LAYERS")
            elif RANK[there] > RANK[here]:
                found.append(f"{where}: {there} sits above {here}")
            elif RANK[there] == RANK[here] and there not in PEERS.get(here, set()):
                found.append(f"{where}: {there} is a peer of {here}; argue it onto PEERS")
    return found, used


def test_imports_run_downward_only():
    found, _ = violations()
    assert not found, "imports against the layering:\n" + "\n".join(found)


def test_the_allowlist_only_holds_imports_that_still_exist():
    _, used = violations()
    stale = sorted(set(ALLOWED) - used)
    assert not stale, f"these imports are gone: remove them from ALLOWED: {stale}"


def test_every_app_has_its_place_in_the_layers():
    apps = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()} - {"tests", "testing"}
    assert apps <= set(RANK), f"give these apps a place in LAYERS: {sorted(apps - set(RANK))}"


def test_the_check_sees_lazy_relative_and_type_only_imports(tmp_path, monkeypatch):
    # given a module of a low app with every kind of import of an app above it
    app = tmp_path / "wrench" / "coding"
    app.mkdir(parents=True)
    (tmp_path / "wrench" / "__init__.py").write_text("")
    (app / "__init__.py").write_text("")
    (app / "sneaky.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from wrench.workorders.models import WorkOrder\n"
        "def f():\n"
        "    import wrench.reports.kpis\n"
        "    from ..planning import estimate\n"
        "    return later('wrench.materials.effects.issue')\n"
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path / "wrench")
    # when the check reads it
    found, _ = violations()
    # then each import upward is named, and the string is not an import
    assert [v.split(" imports ")[1] for v in found] == [
        "wrench.workorders.models (workorders): workorders sits above coding",
        "wrench.reports.kpis (reports): reports sits above coding",
        "wrench.planning (planning): planning sits above coding",
    ]
