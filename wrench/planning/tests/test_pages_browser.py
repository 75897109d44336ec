"""Planner → storeman → technician through the real pages in Chromium: planning, a
requisition, receiving (WM → RS by itself), time entry (RS → IP by itself), completion
with failure coding."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from wrench.approvals import services as approvals
from wrench.labor.models import TimeCharge
from wrench.testing import factories
from wrench.testing.browser import screenshot
from wrench.workorders.models import WorkOrder, WorkOrderCode
from wrench.workorders.services import transition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_planner_storeman_and_technician_do_their_part_on_the_pages(login, site, people, make_user):
    # given an approved work order (BL, 1,200) and a storeman who holds the planner role
    make_user("planner", site, username="storeman")
    factories.trade(site, "MECH", "95")
    wo = factories.work_order(site, people["requester"], asset=factories.AssetFactory(site=site))
    transition(wo, "WA", actor=people["supervisor"])
    wo = approvals.approve(wo, actor=people["manager"])
    url = f"/wo/{wo.number}/"

    # the planner plans labour (a bad number first: the error is beside the form, kept)
    page = login("planner")
    page.goto(url)
    expect(page.get_by_test_id("estimate")).to_contain_text("1200.00")
    page.select_option("#est-trade", "MECH")
    page.fill("#est-hours", "-4")
    page.click("text=Add labour")
    expect(page.get_by_test_id("error-estimate")).to_contain_text("hours_each")
    expect(page.locator("#est-hours")).to_have_value("-4")
    page.fill("#est-hours", "4")
    page.click("text=Add labour")
    expect(page.get_by_test_id("estimates")).to_contain_text("MECH")
    # a direct purchase, requisitioned
    page.fill("#mat-desc", "Seal kit 50 mm")
    page.fill("#mat-qty", "2")
    page.fill("#mat-cost", "150")
    page.click("text=Add material")
    expect(page.get_by_test_id("outstanding")).to_contain_text("Seal kit 50 mm")
    expect(page.get_by_test_id("estimate")).to_contain_text("680.00")
    page.click("text=Raise purchase requisition")
    expect(page.get_by_test_id("materials")).to_contain_text("PR-")
    screenshot(page, "planning-panel")
    # approved on the requisitions page: the first approved requisition starts planning (PL)
    page.click("nav.main >> text=Requisitions")
    screenshot(page, "requisitions")
    page.click("button:has-text('Approve PR-')")
    expect(page.locator("p[role=status]")).to_contain_text("approved")
    page.goto(url)
    expect(page.get_by_test_id("status")).to_have_text("PL")
    page.click("text=Finish planning")
    expect(page.get_by_test_id("status")).to_have_text("WM")

    # the storeman receives: more than ordered is refused, then the delivery makes it RS
    store = login("storeman")
    store.click("nav.main >> text=Receiving")
    store.fill("input[name=quantity]", "3")
    store.click("button:has-text('Receive')")
    expect(store.get_by_test_id("error-line")).to_contain_text("at most 2 may still be received")
    expect(store.locator("input[name=quantity]")).to_have_value("3")
    store.fill("input[name=quantity]", "2")
    store.click("button:has-text('Receive')")
    expect(store.get_by_test_id("notice")).to_contain_text(f"{wo.number} is RS")
    screenshot(store, "receiving")
    store.goto(url)
    expect(store.get_by_test_id("status")).to_have_text("RS")
    expect(store.locator(".timeline")).to_contain_text("last material received and on hand")

    # the technician charges time on the work order page: RS → IP by itself
    tech = login("technician")
    tech.goto(url)
    tech.select_option(f"#trade-{wo.number}", "MECH")
    tech.fill(f"#hours-{wo.number}", "30")
    tech.click("text=Charge time")
    expect(tech.get_by_test_id("error-time")).to_contain_text("at most 24")
    expect(tech.locator(f"#trade-{wo.number}")).to_have_value("MECH")
    tech.fill(f"#hours-{wo.number}", "3.5")
    tech.click("text=Charge time")
    expect(tech.get_by_test_id("status")).to_have_text("IP")
    expect(tech.get_by_test_id("actuals")).to_contain_text("Actual 3.50 h of 4.00 h")
    # and completes it with the failure coding, each value's definition shown
    tech.fill(f"#findings-{wo.number}", "Seal faces worn; replaced the seal.")
    tech.select_option(f"#problem-{wo.number}", "ELP")
    expect(tech.locator(f"#explain-problem-{wo.number}")).to_contain_text("leaking")
    tech.select_option(f"#cause-{wo.number}", "WEAR")
    tech.select_option(f"#remedy-{wo.number}", "REPL")
    screenshot(tech, "completion")
    tech.click("button[data-to=CO]")
    expect(tech.get_by_test_id("status")).to_have_text("CO")
    # and raises the follow-up work found on the job
    tech.click("text=Raise follow-up work")
    tech.fill("#fu-title", "Realign coupling")
    tech.fill("#fu-desc", "Coupling found out of line.")
    tech.click("button:has-text('Raise follow-up')")
    expect(tech.locator("p[role=status]")).to_contain_text(f"Follow-up raised from {wo.number}")
    assert WorkOrder.objects.get(parent=wo).initiated_by.abbreviation == "W"
    done = WorkOrder.objects.get(pk=wo.pk)
    codes = {
        c.characteristic.key: c.value.abbreviation
        for c in WorkOrderCode.objects.filter(work_order=done).select_related(
            "characteristic", "value"
        )
    }
    assert {k: codes[k] for k in ("problem", "cause", "remedy")} == {
        "problem": "ELP",
        "cause": "WEAR",
        "remedy": "REPL",
    }
    assert TimeCharge.objects.get().hours == 3.5
