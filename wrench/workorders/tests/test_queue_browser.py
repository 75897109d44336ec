"""The review queue in Debian's Chromium: the emergency is found first and moved in place."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from wrench.testing import factories
from wrench.testing.browser import screenshot
from wrench.workorders.models import WorkOrder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queue(site, people):
    """Thirty routine requests entered before one emergency (the old queue put it last)."""
    pump = factories.AssetFactory(site=site, code="P-101", name="Feed pump")
    for n in range(30):
        factories.work_order(site, people["requester"], title=f"Routine job {n}", priority=500)
    return factories.work_order(
        site,
        people["requester"],
        asset=pump,
        title="Pump seal blown, product on the floor",
        codes={"urgency": "E"},
    )


def test_supervisor_finds_the_emergency_first_in_the_review_queue_and_sends_it_on(
    login, site, people, queue
):
    emergency = queue
    page = login("supervisor")
    # the start page says an emergency waits, and its count links to the queue
    expect(page.locator("a.card[href='/review/']")).to_contain_text("1 emergency first")
    page.click("a.card[href='/review/']")
    # then the emergency is the first row, marked as one
    first = page.locator("table.queue tr.queue-row").first
    expect(first).to_have_attribute("data-number", emergency.number)
    expect(first).to_have_class("queue-row emergency")
    screenshot(page, "review-queue")
    # when they open it in place and start the emergency work (approval bypassed)
    first.locator("[data-open]").click()
    card = page.locator(f"#card-{emergency.number}")
    expect(card).to_contain_text("Pump seal blown")
    screenshot(page, "review-queue-open")
    card.locator("button[data-to=IP]").click()
    expect(card.locator(".notice")).to_contain_text(f"{emergency.number} is now IP")
    emergency.refresh_from_db()
    assert emergency.status == "IP"


def test_supervisor_approves_several_at_once_and_sees_each_answer(login, site, people, queue):
    big = factories.work_order(site, people["requester"], title="New pump", estimated_cost=9000)
    routine = list(WorkOrder.objects.filter(title__startswith="Routine job")[:2])
    page = login("supervisor")
    page.goto("/review/")
    for wo in (*routine, big):
        page.check(f"tr[data-number='{wo.number}'] input[name=number]")
    expect(page.locator("[data-bulk-count]")).to_have_text("3")
    page.click("button[data-bulk=BL]")
    results = page.get_by_test_id("bulk-results")
    expect(results).to_contain_text("Moved 2:")
    expect(results.locator(f"li[data-number='{big.number}']")).to_contain_text(
        "above your approval limit"
    )
    screenshot(page, "review-queue-bulk")
    assert [WorkOrder.objects.get(pk=wo.pk).status for wo in (*routine, big)] == ["BL", "BL", "WR"]


def test_the_review_queue_fits_a_phone(login, site, people, queue):
    page = login("supervisor", phone=True)
    page.goto("/review/")
    expect(page.locator("table.queue tr.queue-row").first).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    expect(page.locator("form.bulk")).to_be_hidden()  # until a row is ticked
    screenshot(page, "review-queue-phone", full_page=False)
    page.locator("table.queue tr.queue-row input[name=number]").first.check()
    expect(page.locator("form.bulk")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    screenshot(page, "review-queue-phone-ticked", full_page=False)
