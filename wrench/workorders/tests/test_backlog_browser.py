"""The backlog in Debian's Chromium: hover values, chosen columns, cards on a phone."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from wrench.testing import factories
from wrench.testing.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def work(site, people):
    pump = factories.AssetFactory(site=site, code="P-101", name="Feed pump")
    return [
        factories.work_order(
            site,
            people["requester"],
            asset=pump,
            title=f"Job {n}: seal and bearing check on the feed pump",
            priority=100 * n,
            needed_by=dt.date(2026, 12, 20),
            codes={"urgency": "U" if n % 2 else "#", "reason": "SA" if n % 3 else "OP"},
        )
        for n in range(1, 8)
    ]


def test_planner_chooses_columns_and_the_codes_explain_themselves(login, site, people, work):
    page = login("planner")
    page.goto("/backlog/")
    first = page.locator("#results tbody tr").first
    expect(first).to_have_attribute("data-number", work[-1].number)  # highest priority first
    expect(first.locator("abbr[title='Safety']")).to_have_text("SA")
    expect(page.get_by_test_id("legend")).to_contain_text("Emergency")
    # when they keep only four columns and show
    page.click("summary:has-text('Filter and columns')")
    for box in page.locator("fieldset.columns input[name=cols]").all():
        box.set_checked(box.get_attribute("value") in ("number", "title", "urgency", "needed_by"))
    page.click("#filter button:has-text('Show')")
    expect(page.locator("#results thead th")).to_have_count(4)
    screenshot(page, "backlog-columns")
    # then the saved view brings the same columns back
    page.fill("input[name=name]", "Short")
    page.click("text=Save view")
    expect(page.locator("ul.flash")).to_contain_text("saved")
    page.goto("/backlog/")
    expect(page.locator("#results thead th")).to_have_count(13)
    page.click("a.view-link:has-text('Short')")
    expect(page.locator("#results thead th")).to_have_count(4)


def test_the_backlog_is_cards_on_a_phone_with_dates_on_one_line(login, site, people, work):
    page = login("planner", phone=True)
    page.goto("/backlog/")
    expect(page.locator("#results tbody tr").first).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    expect(page.locator("#results thead")).to_be_hidden()
    date = page.locator("#results tbody tr").first.locator("td[data-label='Needed by']")
    assert date.bounding_box()["height"] < 30  # one line
    screenshot(page, "backlog-phone", full_page=False)
