"""Fixtures for imports: the demo plant's site code with the equipment the example names."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wrench.accounts.models import User
from wrench.assets.models import Asset, Site
from wrench.testing import factories

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
EXAMPLE_CSV = EXAMPLES / "legacy-work-orders.csv"
EXAMPLE_MAPPING = EXAMPLES / "legacy-type-mapping.toml"


@pytest.fixture
def mill(db: Any) -> Site:
    """Site MILL with the spec's coding and every asset the shipped example names."""
    site = factories.coded_site("MILL")
    with EXAMPLE_CSV.open(encoding="utf-8") as f:
        codes = sorted({row["Equipment"] for row in csv.DictReader(f)})
    for code in codes:
        factories.AssetFactory(site=site, code=code, name=f"Unit {code}")
    return site


@pytest.fixture
def importer(mill: Site, make_user: Callable[..., User]) -> User:
    return make_user("admin", mill, username="importer")


def table_counts() -> dict[str, int]:
    """Rows in every table an import could write (the dry run must leave them all)."""
    from django.apps import apps

    counted = (
        "workorders",
        "assets",
        "coding",
        "materials",
        "notifications",
        "approvals",
        "labor",
        "imports",
        "django_tasks_db",
    )
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in counted
    }


def example_assets(site: Site) -> list[str]:
    return list(Asset.objects.filter(site=site).values_list("code", flat=True))
