"""A technician works an operator round's checklist on a phone in Chromium: a pass, a bad
reading refused beside its item, a reading above its limit failing and raising the
follow-up, shown as a link on My work and on the work order page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from wrench.planning import services as planning
from wrench.testing import factories
from wrench.testing.browser import screenshot
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import transition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHECKS = [
    {"text": "Seal not leaking"},
    {"text": "Bearing temperature", "kind": "reading", "low": "20", "high": "80", "unit": "°C"},
]


def test_technician_fails_a_reading_on_a_phone_and_sees_the_follow_up(login, site, people):
    # given an operator round in progress, assigned to the technician
    plan = planning.create_job_plan(
        actor=people["planner"],
        site=site,
        code="ROUND-P101",
        name="Operator round P-101",
        tasks=["Walk the pump"],
        checks=CHECKS,
        inspection_kind="O",
    )
    wo = factories.work_order(
        site,
        people["requester"],
        asset=factories.AssetFactory(site=site),
        title="Round P-101",
        assigned_to=people["technician"],
    )
    wo = transition(wo, "BL", actor=people["supervisor"])
    planning.apply_job_plan(wo, actor=people["planner"], job_plan=plan)
    transition(wo, "RS", actor=people["planner"])
    transition(wo, "IP", actor=people["technician"])

    # when the technician passes the first check on My work (phone)
    page = login("technician", phone=True)
    page.goto("/my/work/")
    card = page.locator(f"#card-{wo.number}")
    checklist = card.get_by_test_id("checklist")
    expect(checklist).to_contain_text("Bearing temperature")
    expect(checklist).to_contain_text("limits 20–80 °C")
    checklist.get_by_test_id("check-1").get_by_role("button", name="Pass").click()
    expect(checklist.get_by_test_id("result-1")).to_have_text("Pass")
    # a reading that is not a number is refused beside its item, what was typed kept
    second = checklist.get_by_test_id("check-2")
    second.locator("input[name=value]").fill("hot")
    second.get_by_role("button", name="Pass").click()
    expect(checklist.get_by_test_id("error-check-2")).to_contain_text("not a number")
    expect(second.locator("input[name=value]")).to_have_value("hot")
    # then a reading above its limit is a fail, whichever button, and raises the follow-up
    second.locator("input[name=value]").fill("92")
    second.locator("input[name=note]").fill("Hot to touch")
    second.get_by_role("button", name="Pass").click()
    expect(checklist.get_by_test_id("result-2")).to_have_text("Fail · 92 °C")
    follow = WorkOrder.objects.get(parent=wo)
    expect(checklist.get_by_test_id("check-done")).to_contain_text(f"follow-up {follow.number}")
    link = checklist.get_by_test_id("follow-up-2")
    expect(link).to_have_text(follow.number)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"My work is {width} px wide on a 390 px phone"
    screenshot(page, "checklist-my-work-phone")
    link.click()
    expect(page.locator("h1")).to_contain_text(follow.number)
    expect(page.locator("h1")).to_contain_text("Failed check: Bearing temperature")
    assert follow.initiated_by.abbreviation == "O"

    # and the inspection's page shows both results and the link, without JavaScript's help
    desk = login("supervisor")
    desk.goto(f"/wo/{wo.number}/")
    shown = desk.get_by_test_id("checklist")
    expect(shown.get_by_test_id("result-1")).to_have_text("Pass")
    expect(shown.get_by_test_id("follow-up-2")).to_have_text(follow.number)
    expect(shown).to_contain_text("Hot to touch")
    screenshot(desk, "checklist-work-order-page")
