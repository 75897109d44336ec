"""In the field, in Debian's Chromium on a 390 px phone: a requester scans a QR label and
raises a request with a photo; a technician adds a photo to an assigned job and completes it."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from wrench.testing import factories
from wrench.testing.browser import screenshot
from wrench.workorders import services
from wrench.workorders.models import WorkOrder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _photo(colour: tuple[int, int, int]) -> dict[str, object]:
    out = io.BytesIO()
    Image.new("RGB", (2400, 1800), colour).save(out, "JPEG")
    return {"name": "IMG_2041.JPG", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_requester_raises_a_request_with_a_photo_from_the_qr_page(login, site, people):
    pump = factories.AssetFactory(site=site, code="P-101", name="Feed pump")
    earlier = factories.work_order(site, people["supervisor"], asset="P-101", title="Noisy bearing")
    # given a requester on a phone who scanned the label of P-101
    page = login("requester", phone=True)
    page.goto("/r/P-101")
    scanned = page.get_by_test_id("scanned-asset")
    # then the page shows the asset, its open work and the way to its page
    expect(scanned).to_contain_text("Feed pump")
    expect(scanned).to_contain_text(earlier.number)
    expect(scanned.get_by_role("link", name="Asset page")).to_have_attribute(
        "href", "/assets/P-101/"
    )
    _no_sideways_scroll(page)
    screenshot(page, "field-qr-phone")
    # when they describe the problem, take a photo and send it
    page.fill("#id_title", "Seal leaking")
    page.fill("#id_description", "Puddle under the pump.")
    page.set_input_files("#id_file", _photo((160, 40, 40)))
    page.check("input[name=urgency][value=U]")
    page.click("text=Send request")
    number = page.get_by_test_id("number").inner_text()
    # then the work order holds the photo, shown with its thumbnail on its page
    wo = WorkOrder.objects.get(number=number)
    assert (wo.asset, wo.status) == (pump, "WR")
    assert [a.name for a in wo.attachments.all()] == ["IMG_2041.jpg"]
    page.goto(f"/wo/{number}/")
    thumb = page.locator(f"#files-{number} img")
    expect(thumb).to_have_count(1)
    thumb.scroll_into_view_if_needed()  # thumbnails load lazily
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=thumb.element_handle()
    )
    assert page.evaluate("(img) => img.naturalWidth", thumb.element_handle()) == 320
    screenshot(page, "field-request-photo-phone")


def test_technician_adds_a_photo_to_assigned_work_and_completes_it(login, site, people):
    factories.AssetFactory(site=site, code="P-101", name="Feed pump")
    wo = factories.work_order(site, people["requester"], asset="P-101")
    for to, who in (("BL", "supervisor"), ("RS", "planner")):
        wo = services.transition(wo, to, actor=people[who])
    services.update_work_order(wo, actor=people["planner"], assigned_to=people["technician"])
    page = login("technician", phone=True)
    page.goto("/my/work/")
    card = page.locator(f"#card-{wo.number}")
    expect(card).to_contain_text("Ready to schedule")
    card.locator("button[data-to=IP]").click()
    expect(card.locator(".notice")).to_contain_text("is now IP")
    # when the technician takes a photo of the worn seal from the job's card
    card.locator("input[type=file]").set_input_files(_photo((40, 90, 160)))
    card.get_by_role("button", name="Upload photo").click()
    card = page.locator(f"#card-{wo.number}")
    expect(card.locator(".thumbs img")).to_have_count(1)
    _no_sideways_scroll(page)
    screenshot(page, "field-my-work-photo-phone")
    # and completes it with findings
    card.locator("textarea[name=findings]").fill("Seal worn; replaced, no leak after 2 h.")
    card.locator("button[data-to=CO]").click()
    expect(card.locator(".notice")).to_contain_text("is now CO")
    wo.refresh_from_db()
    assert wo.status == "CO" and wo.attachments.count() == 1
