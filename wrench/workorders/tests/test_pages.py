"""Pages through Django's test client: what each role is offered, lists, labels."""

from __future__ import annotations

import pytest

from wrench.testing import factories
from wrench.workorders import lifecycle, services
from wrench.workorders.models import SavedView
from wrench.workorders.views import backlog


def _moves(wo, user):
    return {o.to: o.blocked for o in lifecycle.options_for(wo, user)}


def test_the_buttons_are_exactly_the_moves_each_person_may_make_now(site, people):
    wo = factories.work_order(site, people["requester"])
    other = factories.work_order(site, people["supervisor"])
    assert _moves(wo, people["supervisor"]) == {"WA": "", "BL": "", "RJ": "", "CA": ""}
    assert _moves(wo, people["requester"]) == {"CA": ""}  # their own request only
    assert _moves(other, people["requester"]) == {}
    assert _moves(wo, people["technician"]) == {}  # not an emergency: no start from WR
    for to, who in (("BL", "supervisor"), ("RS", "planner"), ("IP", "technician")):
        wo = services.transition(wo, to, actor=people[who])
    assert _moves(wo, people["technician"]) == {"CO": ""}  # findings asked with the button
    wo = services.transition(wo, "CO", actor=people["technician"], findings="Done.")
    blocked = _moves(wo, people["planner"])
    assert list(blocked) == ["CL"] and blocked["CL"].startswith("closing waits")


def test_a_supervisor_over_their_limit_sees_approval_blocked_with_the_reason(site, people):
    wo = factories.work_order(site, people["requester"], estimated_cost=9000)
    assert "above your approval limit 5000" in _moves(wo, people["supervisor"])["BL"]


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        ("requester", "/review/", 403),
        ("requester", "/approvals/", 403),
        ("supervisor", "/review/", 200),
        ("manager", "/approvals/", 200),
        ("technician", "/my/work/", 200),
        ("requester", "/coding/", 200),
        ("requester", "/request/", 200),
    ],
)
def test_each_role_reaches_its_pages(client, site, people, role, url, status):
    client.force_login(people[role])
    assert client.get(url).status_code == status


def test_the_backlog_counts_up_to_a_cap_and_totals_the_hours_shown(
    client, site, people, monkeypatch
):
    for hours in (2, 3, 4):
        factories.work_order(site, people["requester"], estimated_hours=hours)
    monkeypatch.setattr(backlog, "COUNT_CAP", 2)
    client.force_login(people["planner"])
    page = client.get("/backlog/?status=WR&sort=number").content.decode()
    assert "<strong>2+</strong> work orders match" in page
    assert "3 shown, 9.00 estimated hours" in page
    assert "/api/v1/work-orders?format=csv&amp;status=WR&amp;sort=number" in page


def test_a_bad_filter_says_what_is_allowed(client, site, people):
    client.force_login(people["planner"])
    answer = client.get("/backlog/?reason=XX")
    assert answer.status_code == 400
    assert "unknown value(s) XX; allowed:" in answer.content.decode()


def test_a_saved_view_keeps_the_query_under_its_name(client, site, people):
    client.force_login(people["planner"])
    answer = client.post("/backlog/views/", {"name": "Area 2 shutdown", "query": "timing=A"})
    assert answer.status_code == 302 and answer["Location"] == "/backlog/?timing=A"
    assert SavedView.objects.get(owner=people["planner"]).query == "timing=A"
    assert 'href="?timing=A">Area 2 shutdown' in client.get("/backlog/").content.decode()


def test_the_qr_label_sheet_is_a_pdf_with_each_asset_url(client, site, people):
    factories.AssetFactory(site=site, code="P-101")
    client.force_login(people["supervisor"])
    answer = client.get("/assets/labels.pdf?area=100")
    assert answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")


def test_an_unknown_asset_url_says_so_and_offers_the_search(client, site, people):
    client.force_login(people["requester"])
    page = client.get("/r/NOPE").content.decode()
    assert "No active asset NOPE at your sites" in page
    assert 'id="id_asset_q"' in page
