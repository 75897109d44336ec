"""Attachments over real HTTP: a photo on a work order is scaled down with a thumbnail, its
type comes from the content (a program named .jpg is refused), the size limit holds, files are
served only to people of the site, and removing is recorded."""

from __future__ import annotations

import io

import pytest
import requests
from PIL import Image

from wrench.testing import factories
from wrench.workorders.attachments import Attachment

pytestmark = pytest.mark.django_db(transaction=True)


def photo(width: int = 3000, height: int = 2000, fmt: str = "JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (180, 40, 40)).save(out, fmt)
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def wo(site, people):
    return factories.work_order(site, people["requester"])


def test_technician_attaches_a_photo_scaled_down_with_a_thumbnail(api_as, people, wo, live_server):
    api = api_as(people["technician"])
    got = api.post(
        f"/work-orders/{wo.number}/attachments",
        files={"file": ("seal.jpeg", photo(), "application/octet-stream")},
    )
    assert got.status_code == 201, got.text
    body = got.json()
    assert {"id", "name", "size", "content_type", "url"} <= set(body)
    assert (body["name"], body["content_type"]) == ("seal.jpg", "image/jpeg")
    row = Attachment.objects.get(pk=body["id"])
    with Image.open(row.file.open("rb")) as stored:
        assert max(stored.size) == 2000  # scaled down from 3000
    with Image.open(row.thumbnail.open("rb")) as thumb:
        assert max(thumb.size) == 320
    # served to people of the site, with the token or the session
    served = api.session.get(live_server.url + body["url"])
    assert served.status_code == 200 and served.headers["Content-Type"] == "image/jpeg"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert api.session.get(live_server.url + f"/attachments/{body['id']}/thumbnail/").ok
    listed = api.get(f"/work-orders/{wo.number}/attachments").json()
    assert [a["id"] for a in listed] == [body["id"]]


def test_type_comes_from_the_content_and_programs_are_refused(api_as, people, wo):
    api = api_as(people["requester"])
    url = f"/work-orders/{wo.number}/attachments"
    program = api.post(url, files={"file": ("photo.jpg", b"MZ\x90\x00" + b"\x00" * 200)})
    assert program.status_code == 400
    assert program.json()["errors"][0]["field"] == "file"
    assert "Windows program" in program.json()["errors"][0]["message"]
    script = api.post(url, files={"file": ("notes.pdf", b"#!/bin/sh\nrm -rf /\n")})
    assert "script" in script.json()["errors"][0]["message"]
    fake = api.post(url, files={"file": ("x.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10)})
    assert "cannot be read" in fake.json()["errors"][0]["message"]
    pdf = api.post(url, files={"file": ("manual.bin", PDF)})
    assert pdf.status_code == 201
    assert (pdf.json()["content_type"], pdf.json()["name"]) == ("application/pdf", "manual.pdf")
    missing = api.post(url, data={"nothing": "here"})
    assert missing.status_code == 400
    assert Attachment.objects.count() == 1


def test_the_size_limit_is_a_setting(api_as, people, wo, settings):
    settings.WRENCH_ATTACHMENT_MAX_MB = 1
    big = api_as(people["requester"]).post(
        f"/work-orders/{wo.number}/attachments",
        files={"file": ("big.pdf", PDF + b"0" * (1024 * 1024 + 10))},
    )
    assert big.status_code == 400
    assert "at most 1 MB" in big.json()["errors"][0]["message"]
    assert not Attachment.objects.exists()


def test_other_sites_and_anonymous_get_404_and_removing_is_recorded(
    api_as, people, wo, other_site, make_user, live_server
):
    api = api_as(people["requester"])
    made = api.post(
        f"/work-orders/{wo.number}/attachments", files={"file": ("a.png", photo(40, 30, "PNG"))}
    ).json()
    stranger = make_user("planner", other_site, username="stranger")
    assert api_as(stranger).session.get(live_server.url + made["url"]).status_code == 404
    assert requests.get(live_server.url + made["url"], timeout=10).status_code == 404
    assert api_as(stranger).get(f"/work-orders/{wo.number}/attachments").status_code == 404
    # a technician who did not attach it may not remove it; the requester who did may
    other = api_as(people["technician"]).delete(
        f"/work-orders/{wo.number}/attachments/{made['id']}"
    )
    assert other.status_code == 403
    gone = api.delete(f"/work-orders/{wo.number}/attachments/{made['id']}")
    assert gone.status_code == 204
    row = Attachment.objects.get(pk=made["id"])
    assert row.deleted_by == people["requester"] and row.deleted_at is not None
    assert not row.file.storage.exists(row.file.name)  # the file itself is gone
    assert api.get(f"/work-orders/{wo.number}/attachments").json() == []
    assert api.session.get(live_server.url + made["url"]).status_code == 404


def test_documents_on_an_asset(api_as, people, site):
    factories.AssetFactory(site=site, code="P-101")
    planner = api_as(people["planner"])
    made = planner.post("/assets/P-101/attachments", files={"file": ("pump manual.pdf", PDF)})
    assert made.status_code == 201, made.text
    assert [a["name"] for a in planner.get("/assets/P-101/attachments").json()] == [
        "pump manual.pdf"
    ]
    refused = api_as(people["requester"]).post(
        "/assets/P-101/attachments", files={"file": ("x.pdf", PDF)}
    )
    assert refused.status_code == 403
