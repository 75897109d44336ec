"""The work order packet carries the photos' thumbnails (embedded) and names its documents."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from wrench.testing import factories
from wrench.workorders.services import attach

pytestmark = pytest.mark.django_db


def test_the_packet_shows_the_photo_thumbnails_and_document_names(client, site, people):
    wo = factories.work_order(site, people["requester"])
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (200, 120, 30)).save(out, "JPEG")
    attach.attach_to_work_order(
        actor=people["requester"], work_order=wo, name="leak.jpg", content=out.getvalue()
    )
    attach.attach_to_work_order(
        actor=people["planner"], work_order=wo, name="drawing.pdf", content=b"%PDF-1.4\n%%EOF\n"
    )
    client.force_login(people["planner"])
    html_context = client.get(f"/reports/work-orders/{wo.number}/packet.pdf")
    assert html_context.status_code == 200
    pdf = html_context.content
    assert pdf.startswith(b"%PDF") and b"/Subtype /Image" in pdf
    from wrench.reports import packet

    files = packet.context(wo, "http://x/")["files"]
    assert [p["name"] for p in files["photos"]] == ["leak.jpg"]
    assert files["photos"][0]["src"].startswith("data:image/jpeg;base64,")
    assert [d["name"] for d in files["documents"]] == ["drawing.pdf"]
