"""Attachments on the pages: a request sent with a photo keeps it as a work order; a refused
file leaves no request behind; the work order page shows the photo with its thumbnail."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wrench.testing import factories
from wrench.workorders.attachments import Attachment
from wrench.workorders.models import WorkOrder


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (20, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def test_a_request_with_a_photo_keeps_it_as_a_work_order(client, site, people):
    factories.AssetFactory(site=site, code="P-101")
    client.force_login(people["requester"])
    sent = client.post(
        "/request/",
        {
            "asset": "P-101",
            "title": "Seal leaking",
            "description": "Drip under the pump",
            "urgency": "U",
            "file": SimpleUploadedFile("IMG_0001.JPG", _photo(), "image/jpeg"),
        },
    )
    assert sent.status_code == 302, sent.content.decode()[:2000]
    wo = WorkOrder.objects.get()
    assert [a.name for a in wo.attachments.all()] == ["IMG_0001.jpg"]
    page = client.get(f"/wo/{wo.number}/").content.decode()
    assert "IMG_0001.jpg" in page and "/thumbnail/" in page


def test_a_refused_file_leaves_no_request_behind(client, site, people):
    client.force_login(people["requester"])
    sent = client.post(
        "/request/",
        {
            "title": "Seal leaking",
            "description": "Drip",
            "urgency": "U",
            "file": SimpleUploadedFile("setup.jpg", b"MZ" + b"\x00" * 100, "image/jpeg"),
        },
    )
    assert sent.status_code == 400
    assert "Windows program" in sent.content.decode()
    assert not WorkOrder.objects.exists() and not Attachment.objects.exists()


def test_my_work_adds_a_photo_and_a_bad_one_is_explained_on_the_card(client, site, people):
    wo = factories.work_order(site, people["requester"], assigned_to=people["technician"].username)
    client.force_login(people["technician"])
    ok = client.post(
        f"/wo/{wo.number}/attach/",
        {"file": SimpleUploadedFile("a.jpg", _photo()), "next": "/my/work/"},
    )
    assert ok.status_code == 302 and ok["Location"] == "/my/work/"
    assert wo.attachments.count() == 1
    bad = client.post(
        f"/wo/{wo.number}/attach/",
        {"file": SimpleUploadedFile("a.jpg", b"not an image"), "next": f"/wo/{wo.number}/"},
    )
    assert bad.status_code == 302
    page = client.get(f"/wo/{wo.number}/").content.decode()
    assert "allowed are photos" in page
    assert "allowed are photos" not in client.get(f"/wo/{wo.number}/").content.decode()  # once
