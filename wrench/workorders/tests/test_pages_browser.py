"""Each role does its job through the real pages in Debian's Chromium (Playwright)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from wrench.core import clock
from wrench.testing import factories
from wrench.testing.browser import screenshot
from wrench.workorders import services
from wrench.workorders.models import WorkOrder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pump(site):
    return factories.AssetFactory(site=site, code="P-101", name="Feed pump")


def _at(wo, status, people, **kw):
    """Move `wo` along the usual path to `status` through the services (arrangement)."""
    path = ["BL", "RS", "IP", "CO"]
    who = {"BL": "supervisor", "RS": "planner", "IP": "technician", "CO": "technician"}
    for to in path[: path.index(status) + 1]:
        wo = services.transition(wo, to, actor=people[who[to]], findings="Replaced the seal.")
    return wo


def test_requester_raises_a_request_from_the_asset_qr_url_on_a_phone(login, site, people, pump):
    # given a requester on a phone who scanned the label of P-101
    page = login("requester", phone=True)
    page.goto("/r/P-101")
    expect(page.get_by_test_id("chosen-asset")).to_contain_text("Feed pump")
    screenshot(page, "request-phone")
    # when they describe the problem and choose an urgency (its definition is in front of them)
    page.fill("#id_title", "Seal leaking")
    page.fill("#id_description", "Steady drip under the pump since the night shift.")
    expect(page.locator("label.choice", has_text="U – Urgent")).to_contain_text("break in")
    # the rest of the spec's prose waits behind "more"
    urgent = page.locator(".choice-box", has_text="U – Urgent")
    expect(urgent.get_by_text("Any non-shutdown work")).to_be_hidden()
    urgent.locator("summary").click()
    expect(urgent.get_by_text("Any non-shutdown work")).to_be_visible()
    page.check("input[name=urgency][value=U]")
    page.click("text=Send request")
    # then the number is shown at once, and My requests shows it with its status and history
    number = page.get_by_test_id("number").inner_text()
    wo = WorkOrder.objects.get(number=number)
    assert (wo.asset, wo.urgency.abbreviation, wo.status) == (pump, "U", "WR")
    screenshot(page, "request-done-phone")
    page.goto("/my/requests/")
    card = page.locator(f"article[data-number='{number}']")
    expect(card).to_contain_text("WR · Work requested")
    card.locator("summary").click()
    expect(card).to_contain_text("request entered")


def test_bad_request_shows_the_error_beside_the_field_and_keeps_what_was_typed(
    login, site, people, pump
):
    page = login("requester", phone=True)
    page.goto("/request/")
    # when they search the asset, pick it, type a title and urgency but no description
    page.fill("#id_asset_q", "feed")
    page.click("#asset-results button:has-text('P-101')")
    expect(page.get_by_test_id("chosen-asset")).to_contain_text("P-101")
    page.fill("#id_title", "Noisy bearing")
    page.check("input[name=urgency][value=E]")
    page.click("text=Send request")
    # then the description says what is missing and nothing typed is lost
    expect(page.get_by_test_id("error-description")).to_contain_text("description is required")
    expect(page.locator("#id_title")).to_have_value("Noisy bearing")
    expect(page.locator("input[name=urgency][value=E]")).to_be_checked()
    expect(page.get_by_test_id("chosen-asset")).to_contain_text("P-101")
    assert not WorkOrder.objects.exists()


def test_supervisor_codes_a_request_with_definitions_shown_and_approves_it(
    login, site, people, pump
):
    wo = factories.work_order(
        site, people["requester"], asset=pump, codes={"reason": "", "timing": "", "action": ""}
    )
    page = login("supervisor")
    page.goto("/review/")
    expect(page.locator(f"tr[data-number='{wo.number}']")).to_contain_text("Seal leaking")
    page.click(f"tr[data-number='{wo.number}'] a:has-text('{wo.number}')")
    # when they choose a reason, the definition and process effect of that value appear
    page.select_option("#id_reason", "SA")
    expect(page.get_by_test_id("explain-reason")).to_contain_text("employee safety")
    page.select_option("#id_timing", "A")
    expect(page.get_by_test_id("explain-timing")).to_contain_text("one area of the plant")
    page.select_option("#id_action", "RE")
    page.fill("#id_estimated_hours", "6")
    page.click("text=Save changes")
    expect(page.locator(".notice")).to_contain_text("Saved")
    screenshot(page, "work-order")
    page.click("button[data-to=BL]")
    expect(page.get_by_test_id("status")).to_have_text("BL")
    wo.refresh_from_db()
    assert (wo.reason.abbreviation, wo.timing.abbreviation, wo.status) == ("SA", "A", "BL")
    expect(page.locator("#timeline")).to_contain_text("WO – Reason: — → SA (Safety)")


def test_a_tampered_value_of_another_characteristic_is_refused_beside_the_field(
    login, site, people, pump
):
    wo = factories.work_order(site, people["requester"], asset=pump)
    page = login("supervisor")
    page.goto(f"/wo/{wo.number}/")
    page.fill("#id_title", "Seal leaking badly")
    # a tampered form: the reason select offers RE, a value of WO – Action
    page.eval_on_selector("#id_reason", "s => { s.add(new Option('RE', 'RE')); s.value = 'RE'; }")
    page.click("text=Save changes")
    expect(page.get_by_test_id("error-reason")).to_contain_text("RE is a value of WO – Action")
    expect(page.locator("#id_title")).to_have_value("Seal leaking badly")
    wo.refresh_from_db()
    assert (wo.title, wo.reason.abbreviation) == ("Seal leaking on P-101", "OP")


def test_planner_finds_work_by_reason_and_timing_and_makes_it_ready(login, site, people, pump):
    wanted = factories.work_order(
        site,
        people["requester"],
        asset=pump,
        codes={"reason": "SA", "timing": "A"},
        estimated_hours=Decimal("6"),
    )
    other = factories.work_order(site, people["requester"], codes={"reason": "OP", "timing": "A"})
    for wo in (wanted, other):
        _at(wo, "BL", people)
    page = login("planner")
    page.goto("/backlog/")
    page.click("summary:has-text('Filter')")
    # choosing a value adds it as a chip at once; the filter stays open for the next one
    page.select_option("#f_reason", "SA")
    expect(page.get_by_test_id("chips")).to_contain_text("Reason: SA – Safety")
    page.select_option("#f_timing", "A")
    expect(page.get_by_test_id("chips")).to_contain_text("Timing: A")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(wanted.number)
    expect(page.get_by_test_id("totals")).to_contain_text("1 work orders match")
    expect(page.get_by_test_id("totals")).to_contain_text("6.00 estimated hours")
    assert "reason=SA" in page.url and "timing=A" in page.url
    # the view is saved under a name and the same URL shows it again
    page.fill("input[name=name]", "Area shutdown safety")
    page.click("text=Save view")
    expect(page.locator("ul.flash")).to_contain_text("View “Area shutdown safety” saved.")
    page.click("a:has-text('Area shutdown safety')")
    expect(rows).to_have_count(1)
    screenshot(page, "backlog")
    # when they open it, assign the technician and make it ready
    page.click(f"a:has-text('{wanted.number}')")
    page.select_option("#id_assigned_to", "technician")
    page.click("text=Save changes")
    page.click("button[data-to=RS]")
    expect(page.get_by_test_id("status")).to_have_text("RS")
    wanted.refresh_from_db()
    assert (wanted.status, wanted.assigned_to) == ("RS", people["technician"])


def test_technician_starts_and_completes_a_job_with_findings_on_a_phone(login, site, people, pump):
    wo = factories.work_order(site, people["requester"], asset=pump)
    wo = _at(wo, "RS", people)
    services.update_work_order(wo, actor=people["planner"], assigned_to=people["technician"])
    page = login("technician", phone=True)
    page.goto("/my/work/")
    card = page.locator(f"#card-{wo.number}")
    expect(card).to_contain_text("RS · Ready to schedule")
    screenshot(page, "my-work-phone")
    card.locator("button[data-to=IP]").click()
    expect(card.locator(".notice")).to_contain_text("is now IP")
    # completing without findings is refused beside the button; the findings stay
    card.locator("textarea[name=findings]").fill("")
    card.locator("button[data-to=CO]").click()
    expect(card.locator(".error")).to_contain_text("record the findings")
    card.locator("textarea[name=findings]").fill("Seal worn; replaced, tested 2 h, no leak.")
    card.locator("button[data-to=CO]").click()
    expect(card.locator(".notice")).to_contain_text("is now CO")
    screenshot(page, "my-work-done-phone")
    wo.refresh_from_db()
    assert (wo.status, wo.findings) == ("CO", "Seal worn; replaced, tested 2 h, no leak.")


def test_planner_cannot_close_before_the_closing_delay_and_can_after_it(login, site, people, pump):
    wo = _at(factories.work_order(site, people["requester"], asset=pump), "CO", people)
    page = login("planner")
    page.goto(f"/wo/{wo.number}/")
    expect(page.locator("button[data-to=CL]")).to_be_disabled()
    expect(page.get_by_test_id("blocked-CL")).to_contain_text(
        f"closing waits {site.closing_delay_days} days"
    )
    # arrangement: the completion lies further back than the delay
    WorkOrder.objects.filter(pk=wo.pk).update(
        completed_at=clock.now() - dt.timedelta(days=site.closing_delay_days, hours=1)
    )
    page.reload()
    page.click("button[data-to=CL]")
    expect(page.get_by_test_id("status")).to_have_text("CL")


def test_manager_approves_and_rejects_in_place_in_the_approval_queue(login, site, people, pump):
    first = factories.work_order(site, people["requester"], asset=pump, title="Replace impeller")
    second = factories.work_order(site, people["requester"], title="Paint the fence")
    for wo in (first, second):
        services.transition(wo, "WA", actor=people["supervisor"])
    page = login("manager")
    page.goto("/approvals/")
    for wo in (first, second):
        page.click(f"[data-open='{wo.number}']")
    screenshot(page, "approval-queue")
    page.locator(f"#card-{first.number} button[data-to=BL]").click()
    expect(page.locator(f"#card-{first.number} .notice")).to_contain_text("is now BL")
    card = page.locator(f"#card-{second.number}")
    card.locator("button[data-to=RJ]").click()
    expect(card.locator(".error")).to_contain_text("a reason is required")
    card.locator("textarea[name=reason]").fill("Not maintenance work")
    card.locator("button[data-to=RJ]").click()
    expect(card.locator(".notice")).to_contain_text("is now RJ")
    assert list(WorkOrder.objects.order_by("id").values_list("status", flat=True)) == ["BL", "RJ"]


def test_every_role_sees_its_pages_and_the_printable_coding_manual(login, site, people):
    page = login("admin")
    nav = page.locator("nav.main")
    expect(nav).to_contain_text("Coding")
    expect(page.get_by_test_id("who")).to_contain_text("admin (admin)")
    screenshot(page, "home-admin")
    page = login("supervisor")
    for link in (
        "Request work",
        "My requests",
        "Review",
        "Backlog",
        "QR labels",
        "Coding",
        "Reports",
    ):
        expect(page.locator("nav.main")).to_contain_text(link)
    screenshot(page, "home-supervisor")
    page.click("nav.main >> text=Coding")
    expect(page.locator("#urgency")).to_contain_text("The approval process is by-passed")
    expect(page.locator("#status")).to_contain_text("Physically complete")
    screenshot(page, "coding")
    page.emulate_media(media="print")
    expect(page.locator("nav.main")).to_be_hidden()
