"""A planner opens an asset's page in Chromium and records, then corrects, its downtime."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from wrench.assets.models import Downtime
from wrench.core import clock
from wrench.testing import factories
from wrench.testing.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _local(days_ago: int, hour: int) -> str:
    moment = timezone.localtime(clock.now()) - dt.timedelta(days=days_ago)
    return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%d %H:%M")


def test_planner_opens_an_asset_page_and_records_downtime(login, site, people):
    line = factories.AssetFactory(site=site, code="L-1", name="Line 1")
    pump = factories.AssetFactory(
        site=site, code="P-101", name="Feed pump", parent=line, criticality="A"
    )
    factories.AssetFactory(site=site, code="M-101", name="Pump motor", parent=pump)
    wo = factories.work_order(site, people["requester"], asset="P-101", title="Seal leaking")
    page = login("planner")
    # the planner finds the pump from the header
    page.fill("header input[name=q]", "P-101")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/assets/P-101/")
    expect(page.get_by_test_id("breadcrumb")).to_contain_text("L-1")
    expect(page.get_by_test_id("children")).to_contain_text("M-101")
    expect(page.locator("#open-work")).to_contain_text(wo.number)
    # when they record four hours of downtime tied to the repair
    form = page.get_by_test_id("downtime-form")
    form.get_by_label("Down from").fill(_local(1, 8))
    form.get_by_label("Back in service").fill(_local(1, 12))
    form.get_by_label("Reason").fill("Seal failed")
    form.get_by_label("Work order").fill(wo.number)
    form.get_by_role("button", name="Record downtime").click()
    # then the period is listed and MTTR reads it
    expect(page.get_by_role("status")).to_contain_text("Downtime recorded")
    expect(page.get_by_test_id("downtimes")).to_contain_text("4.0 h")
    expect(page.get_by_test_id("reliability")).to_contain_text("4.0 h")
    # an overlapping period is refused with the message, and what was typed stays
    form = page.get_by_test_id("downtime-form")
    form.get_by_label("Down from").fill(_local(1, 10))
    form.get_by_label("Back in service").fill(_local(1, 14))
    form.get_by_role("button", name="Record downtime").click()
    expect(page.locator(".error")).to_contain_text("already recorded down from")
    expect(page.get_by_test_id("downtime-form").get_by_label("Down from")).to_have_value(
        _local(1, 10)
    )
    screenshot(page, "field-asset-downtime-refused")
    assert Downtime.objects.count() == 1
    page.goto("/assets/P-101/")
    screenshot(page, "field-asset-page")
