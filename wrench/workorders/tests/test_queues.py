"""The review and approval queues through Django's test client: order, a row opened in place,
bulk moves each answered on its own."""

from __future__ import annotations

import re

import pytest

from wrench.testing import factories
from wrench.workorders import services
from wrench.workorders.models import WorkOrder


def _numbers_in_order(html: str) -> list[str]:
    return re.findall(r'<tr class="queue-row[^"]*" data-number="([^"]+)"', html)


def test_the_review_queue_lists_emergencies_first_then_urgent_then_by_priority(
    client, site, people
):
    # given routine work of high priority entered before an urgent and an emergency request
    routine = factories.work_order(site, people["requester"], title="Paint rail", priority=900)
    low = factories.work_order(site, people["requester"], title="Tidy store", priority=10)
    urgent = factories.work_order(site, people["requester"], codes={"urgency": "U"})
    emergency = factories.work_order(site, people["requester"], codes={"urgency": "E"})
    client.force_login(people["supervisor"])
    # when the supervisor opens the review queue
    html = client.get("/review/").content.decode()
    # then the emergency is first and marked, the urgent next, then by priority
    assert _numbers_in_order(html) == [e.number for e in (emergency, urgent, routine, low)]
    assert f'class="queue-row emergency" data-number="{emergency.number}"' in html
    assert 'data-testid="queue-emergencies">1 emergency' in html


def test_the_start_page_counts_link_to_the_queues_and_name_the_emergencies(client, site, people):
    factories.work_order(site, people["requester"], codes={"urgency": "E"})
    factories.work_order(site, people["requester"])
    client.force_login(people["supervisor"])
    html = client.get("/").content.decode()
    assert 'href="/review/"' in html
    assert "Requests waiting for review (WR). 1 emergency first." in html


def test_a_row_opened_in_place_is_the_card_with_its_moves(client, site, other_site, people):
    wo = factories.work_order(site, people["requester"])
    client.force_login(people["supervisor"])
    html = client.get(f"/wo/{wo.number}/card/").content.decode()
    assert f'id="card-{wo.number}"' in html
    assert 'data-to="WA"' in html and 'data-to="RJ"' in html
    elsewhere = factories.work_order(
        other_site, factories.user("requester", other_site, username="x")
    )
    assert client.get(f"/wo/{elsewhere.number}/card/").status_code == 404


def test_bulk_approval_moves_each_through_the_service_and_answers_each(client, site, people):
    # given two requests the supervisor may approve and one above their limit
    small = [factories.work_order(site, people["requester"]) for _ in range(2)]
    big = factories.work_order(site, people["requester"], estimated_cost=9000)
    client.force_login(people["supervisor"])
    # when they tick all three and approve them into the backlog
    numbers = [wo.number for wo in (*small, big)]
    html = client.post("/review/bulk/", {"to": "BL", "number": numbers}).content.decode()
    # then the two within the limit moved and the big one says why not, beside its number
    statuses = dict(WorkOrder.objects.values_list("number", "status"))
    assert [statuses[n] for n in numbers] == ["BL", "BL", "WR"]
    assert "Moved 2:" in html and "Not moved 1:" in html
    assert "above your approval limit 5000" in html
    assert _numbers_in_order(html) == [big.number]  # the queue shows what is left


def test_bulk_reject_without_a_reason_refuses_each_and_with_one_tells_each_originator(
    client, site, people
):
    wos = [factories.work_order(site, people["requester"]) for _ in range(2)]
    for wo in wos:
        services.transition(wo, "WA", actor=people["supervisor"])
    client.force_login(people["manager"])
    numbers = [wo.number for wo in wos]
    html = client.post("/approvals/bulk/", {"to": "RJ", "number": numbers}).content.decode()
    assert html.count("a reason is required") == 2
    assert set(WorkOrder.objects.values_list("status", flat=True)) == {"WA"}
    client.post("/approvals/bulk/", {"to": "RJ", "number": numbers, "reason": "Duplicate"})
    assert set(WorkOrder.objects.values_list("status", flat=True)) == {"RJ"}


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ({"to": "CL", "number": ["x"]}, "choose one of: Send for approval (WA)"),
        ({"to": "WA"}, "tick the work orders to move first"),
        ({"to": "WA", "number": ["WO-NOPE"]}, "no work order WO-NOPE at your sites"),
    ],
)
def test_a_bulk_move_that_cannot_be_made_says_why(client, site, people, data, said):
    client.force_login(people["supervisor"])
    response = client.post("/review/bulk/", data)
    assert response.status_code == 200
    assert said in response.content.decode()


def test_bulk_moves_need_the_queue_permission(client, site, people):
    wo = factories.work_order(site, people["requester"])
    client.force_login(people["requester"])
    assert client.post("/review/bulk/", {"to": "RJ", "number": [wo.number]}).status_code == 403
    assert client.post("/approvals/bulk/", {"to": "BL"}).status_code == 403
