"""The asset page through Django's test client: its place in the tree, open work, warranty
work, the filtered history of everything below it, and downtime recorded and corrected from
the page with clear refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from wrench.assets.models import Downtime
from wrench.core import clock
from wrench.testing import factories


@pytest.fixture
def plant(site):
    line = factories.AssetFactory(site=site, code="L-1", name="Line 1")
    pump = factories.AssetFactory(
        site=site,
        code="P-101",
        name="Slurry pump",
        parent=line,
        criticality="A",
        warranty_end=clock.now().date() + dt.timedelta(days=90),
    )
    motor = factories.AssetFactory(site=site, code="M-101", name="Pump motor", parent=pump)
    return line, pump, motor


def _local(days_ago: int, hour: int) -> str:
    moment = timezone.localtime(clock.now()) - dt.timedelta(days=days_ago)
    return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%d %H:%M")


def test_planner_sees_tree_open_work_warranty_and_history_of_everything_below(
    client, site, people, plant
):
    on_motor = factories.work_order(
        site, people["requester"], asset="M-101", title="Motor hot", codes={"reason": "SA"}
    )
    on_pump = factories.work_order(site, people["requester"], asset="P-101", title="Seal drip")
    factories.work_order(site, people["requester"], asset="L-1", title="Line guard")
    client.force_login(people["planner"])
    page = client.get("/assets/P-101/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'href="/assets/L-1/"' in html and 'href="/assets/M-101/"' in html  # crumb, child
    assert on_motor.number in html and on_pump.number in html
    assert "Line guard" not in html  # above the pump: not its work
    assert "1 work order" in html  # warranty work so far
    assert "under warranty" in html
    # the history filtered by reason SA keeps only the motor's work
    filtered = client.get("/assets/P-101/", {"reason": "SA"}).content.decode()
    history = filtered.split('id="history"')[1]
    assert on_motor.number in history and on_pump.number not in history
    bad = client.get("/assets/P-101/", {"reason": "ZZ"}).content.decode()
    assert "ZZ" in bad.split('id="history"')[1]  # the refusal names the unknown code


def test_downtime_is_recorded_refused_when_overlapping_and_corrected_from_the_page(
    client, people, plant
):
    client.force_login(people["planner"])
    url = "/assets/P-101/downtime/"
    made = client.post(url, {"start": _local(2, 8), "end": _local(2, 12), "reason": "seal"})
    assert made.status_code == 302
    row = Downtime.objects.get()
    assert row.hours == 4.0 and row.reason == "seal"
    overlap = client.post(url, {"start": _local(2, 10), "end": _local(2, 14)})
    assert overlap.status_code == 400
    assert "already recorded down from" in overlap.content.decode()
    reversed_ = client.post(url, {"start": _local(1, 12), "end": _local(1, 9)})
    assert "must be after the start" in reversed_.content.decode()
    garbled = client.post(url, {"start": "yesterday", "end": _local(1, 9)})
    assert "YYYY-MM-DD HH:MM" in garbled.content.decode()
    assert Downtime.objects.count() == 1
    fixed = client.post(
        f"/assets/P-101/downtime/{row.pk}/", {"start": _local(2, 9), "end": _local(2, 12)}
    )
    assert fixed.status_code == 302
    row.refresh_from_db()
    assert row.hours == 3.0
    page = client.get("/assets/P-101/").content.decode()
    assert "3.0 h" in page and "MTTR" in page
    client.post(f"/assets/P-101/downtime/{row.pk}/remove/")
    assert not Downtime.objects.exists()
    assert (
        Downtime.history.filter(id=row.pk, history_type="-").get().history_user == people["planner"]
    )


def test_requester_sees_no_downtime_form_and_other_sites_assets_are_404(
    client, people, plant, other_site
):
    factories.AssetFactory(site=other_site, code="P-900")
    client.force_login(people["requester"])
    page = client.get("/assets/P-101/").content.decode()
    assert "Record downtime" not in page
    assert (
        client.post(
            "/assets/P-101/downtime/", {"start": _local(2, 8), "end": _local(2, 9)}
        ).status_code
        == 403
    )
    assert client.get("/assets/P-900/").status_code == 404


def test_header_search_opens_an_exact_tag_and_lists_matches_otherwise(client, people, plant):
    client.force_login(people["requester"])
    exact = client.get("/assets/", {"q": "p-101"})
    assert exact.status_code == 302 and exact["Location"] == "/assets/P-101/"
    listed = client.get("/assets/", {"q": "pump"}).content.decode()
    assert "P-101" in listed and "M-101" in listed and 'href="/assets/L-1/' not in listed
    assert 'action="/assets/"' in client.get("/").content.decode()  # the header's box
