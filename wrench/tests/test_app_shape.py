"""Apps of one shape: each concern of a domain app lives in the module named for it.

Where an app has the concern, it is in the same place in every app (issue 11):

- models (Django model classes) in `models.py`; querysets and managers in `querysets.py`;
- state changes in `services.py` (or a `services/` package): an app with models has one;
- API schemas (Ninja `Schema`, `StrictIn`) in `schemas.py`; the routers in `api.py`
  (or `api_<part>.py` beside it), which stay thin;
- list filters (`core.filters.FilterSchema`) in `filters.py` (or `filters_<part>.py`);
- pages in `views.py` (or `views/`, `views_<part>.py`), their routes in `urls.py`;
- tests in `tests/`.

Read from the source (class bases, calls), like test_layers.py, which holds the other half
of the shape: imports run downward only, so no app but the top layer imports upward.
A module that keeps a concern elsewhere is named in ELSEWHERE with the reason; an entry
that no longer matches fails the test, so the list only shrinks.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the wrench package
NOT_DOMAIN = {"core", "testing", "tests", "bench", "demo", "home", "static", "templates"}

# concern → the module names (without .py) that may hold it; "x_" allows x_<part>.py too.
HOMES: dict[str, tuple[str, ...]] = {
    "model": ("models",),
    "queryset": ("querysets",),
    "schema": ("schemas", "schemas_"),
    "filter": ("filters", "filters_"),
    "router": ("api", "api_"),
    "urlpatterns": ("urls",),
}

# (module, concern) kept outside its home, and why.
ELSEWHERE: dict[tuple[str, str], str] = {
    ("workorders/attachments.py", "model"): "attachments (model, queryset, storage) are one "
    "module shared by work orders and assets",
    ("workorders/attachments.py", "queryset"): "see the model",
    ("planning/api_checklist.py", "schema"): "checklists are in flight (the insp work); "
    "they move to planning/schemas.py when it lands",
}

# Apps with models but no services module, and why.
NO_SERVICES: dict[str, str] = {
    "accounts": "people and roles change in /admin/ and the management commands; tokens.py "
    "makes and revokes API tokens (its own service module, by name)",
    "reports": "its rows are the reports' own bookkeeping: a run of the daily reports "
    "(daily.py writes it) and trade capacities (kept in /admin/)",
}


@dataclass
class Found:
    module: str  # relative to wrench/, e.g. "assets/api.py"
    line: int
    concern: str
    name: str


def _domain_apps() -> list[Path]:
    return sorted(
        p for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name not in NOT_DOMAIN
    )


def _sources(app: Path) -> list[Path]:
    return sorted(
        p
        for p in app.rglob("*.py")
        if "migrations" not in p.parts and "tests" not in p.relative_to(app).parts
    )


def _base_names(node: ast.ClassDef) -> set[str]:
    names = set()
    for base in node.bases:
        if isinstance(base, ast.Subscript):  # models.QuerySet["Asset"]
            base = base.value
        if isinstance(base, ast.Attribute):
            names.add(base.attr)
        elif isinstance(base, ast.Name):
            names.add(base.id)
    return names


ROOTS = {
    "model": {"Model", "AbstractUser"},
    "queryset": {"QuerySet", "Manager", "BaseManager"},
    "schema": {"Schema", "StrictIn"},
    "filter": {"FilterSchema", "SiteFilter"},
}


def _classes() -> dict[Path, list[ast.ClassDef]]:
    found: dict[Path, list[ast.ClassDef]] = {}
    for path in [
        *ROOT.joinpath("core").rglob("*.py"),
        *(p for a in _domain_apps() for p in _sources(a)),
    ]:
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), str(path))
        found[path] = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    return found


def concerns() -> Iterator[Found]:
    """Every model, queryset, schema, filter class, router and urlpatterns in the apps."""
    classes = _classes()
    kinds = {concern: set(names) for concern, names in ROOTS.items()}
    grown = True
    while grown:  # a subclass of a model is a model (SiteOwned, CodedOut, …)
        grown = False
        for nodes in classes.values():
            for cls in nodes:
                for names in kinds.values():
                    if cls.name not in names and _base_names(cls) & names:
                        names.add(cls.name)
                        grown = True
    for app in _domain_apps():
        for path in _sources(app):
            rel = str(path.relative_to(ROOT))
            tree = ast.parse(path.read_text(), str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    for concern, names in kinds.items():
                        if _base_names(node) & names:
                            yield Found(rel, node.lineno, concern, node.name)
                            break
                elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Router":
                    yield Found(rel, node.lineno, "router", "Router()")
                elif isinstance(node, ast.Assign) and any(
                    getattr(t, "id", "") == "urlpatterns" for t in node.targets
                ):
                    yield Found(rel, node.lineno, "urlpatterns", "urlpatterns")


def _at_home(module: str, concern: str) -> bool:
    parts = Path(module).with_suffix("").parts
    names = parts[1:]  # below the app: ("models",) or ("services", "attach")
    for home in HOMES[concern]:
        if home.endswith("_"):
            if names and names[0].startswith(home):
                return True
        elif names and names[0] == home:  # models.py, or a models/ package
            return True
    return False


def _misplaced() -> tuple[list[str], set[tuple[str, str]]]:
    wrong, used = [], set()
    for f in concerns():
        if _at_home(f.module, f.concern):
            continue
        if (f.module, f.concern) in ELSEWHERE:
            used.add((f.module, f.concern))
            continue
        homes = " or ".join(
            h + ("<part>.py" if h.endswith("_") else ".py") for h in HOMES[f.concern]
        )
        wrong.append(f"wrench/{f.module}:{f.line} {f.concern} {f.name}: belongs in {homes}")
    return wrong, used


def test_each_concern_of_an_app_lives_in_the_module_named_for_it():
    wrong, _ = _misplaced()
    assert not wrong, "concerns outside their module:\n" + "\n".join(wrong)


def test_the_exceptions_only_name_what_is_still_elsewhere():
    _, used = _misplaced()
    stale = sorted(set(ELSEWHERE) - used)
    assert not stale, f"these are at home now: remove them from ELSEWHERE: {stale}"


def _has(app: Path, name: str) -> bool:
    return (app / f"{name}.py").exists() or (app / name / "__init__.py").exists()


def test_an_app_with_models_has_services_and_tests():
    missing = []
    for app in _domain_apps():
        if not _has(app, "models"):
            continue
        if not _has(app, "services") and app.name not in NO_SERVICES:
            missing.append(f"{app.name}: models but no services.py (every state change)")
        if not any((app / "tests").glob("test_*.py")):
            missing.append(f"{app.name}: no tests/")
    assert not missing, "\n".join(missing)


def test_the_check_finds_each_kind_of_concern():
    found = {(f.module, f.concern, f.name) for f in concerns()}
    for known in [
        ("workorders/models.py", "model", "WorkOrder"),
        ("accounts/models.py", "model", "User"),
        ("assets/querysets.py", "queryset", "AssetQuerySet"),
        ("materials/schemas.py", "schema", "RequisitionOut"),
        ("assets/schemas.py", "schema", "TradeOut"),  # a subclass of a schema
        ("materials/filters.py", "filter", "RequisitionFilter"),
        ("assets/filters.py", "filter", "CodedFilter"),  # via core's SiteFilter
        ("workorders/api.py", "router", "Router()"),
        ("assets/urls.py", "urlpatterns", "urlpatterns"),
    ]:
        assert known in found, known
    # and a class that sits elsewhere is named with its home
    assert _at_home("planning/services/x.py", "model") is False
    assert _at_home("workorders/api_attachments.py", "router") is True


def test_an_app_with_pages_routes_them_in_urls_py():
    """Views are routed in the app's urls.py, or (coding, materials) by the app whose page
    shows them: then a urls.py elsewhere imports the view module."""
    unrouted = []
    urls = " ".join(p.read_text() for p in ROOT.rglob("urls.py"))
    for app in _domain_apps():
        if not (_has(app, "views") or any(app.glob("views_*.py"))):
            continue
        if _has(app, "urls"):
            continue
        if f"wrench.{app.name}.views" not in urls and f"wrench.{app.name} import views" not in urls:
            unrouted.append(app.name)
    assert not unrouted, f"apps with views that no urls.py routes: {unrouted}"
