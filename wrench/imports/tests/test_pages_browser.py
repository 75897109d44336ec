"""The shipped example through the import page in Chromium: dry run, its table, confirm."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from wrench.imports.tests.conftest import EXAMPLE_CSV, EXAMPLE_MAPPING
from wrench.testing.browser import screenshot
from wrench.workorders.models import WorkOrder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_admin_imports_the_shipped_example_through_the_page(
    login: Any, mill: Any, importer: Any, settings: Any, tmp_path: Any
) -> None:
    settings.VAR_DIR = tmp_path
    page = login("importer")
    page.click("nav >> text=Imports")
    page.select_option("#kind", "work-orders")
    page.set_input_files("#file", str(EXAMPLE_CSV))
    page.set_input_files("#mapping", str(EXAMPLE_MAPPING))
    expect(page.locator("input[name=dry_run]")).to_be_checked()
    page.get_by_role("button", name="Send").click()
    # the import runs in the request: give a loaded machine time
    expect(page.get_by_test_id("verdict")).to_contain_text("45 would be created", timeout=60_000)
    expect(page.get_by_test_id("coding-health")).to_contain_text("WO – Urgency")
    screenshot(page, "imports-dry-run")
    assert WorkOrder.objects.count() == 0
    page.get_by_role("button", name="Import it").click()
    expect(page.get_by_test_id("verdict")).to_contain_text("45 created", timeout=60_000)
    expect(page.get_by_test_id("verdict")).to_contain_text("Written.")
    assert WorkOrder.objects.filter(site=mill, status="CL").count() == 37
    page.goto("/imports/")
    expect(page.get_by_test_id("recent")).to_contain_text("legacy-work-orders.csv")
