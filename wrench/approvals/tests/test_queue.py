"""What waits for me: the approval queue (page, home count and API) offers only the work the
viewer may approve: routed to them or their role, within their approval limit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from wrench.approvals import services
from wrench.testing import factories
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(site, people, make_user):
    """Three WA work orders: small (routed to the manager role), large (1,000,000, any
    approver: no rule), and one routed to a named person."""
    admin = people["admin"]
    services.add_approval_rule(actor=admin, site=site, max_amount=1000, approver_role="manager")
    boss = make_user("manager", site, username="boss", approval_limit=None)
    services.add_approval_rule(
        actor=admin, site=site, min_amount=1000, max_amount=2000, approver=boss
    )
    made = {}
    for name, cost in (("small", 500), ("named", 1500), ("large", 1_000_000)):
        wo = factories.work_order(site, people["requester"], estimated_cost=Decimal(cost))
        made[name] = transition(wo, "WA", actor=people["supervisor"]).number
    return made


def _queue(user):
    client = Client()
    client.force_login(user)
    return client.get("/approvals/").content.decode()


def test_the_queue_shows_only_what_the_viewer_may_approve(site, people, waiting, make_user):
    manager = people["manager"]  # no limit, role manager
    page = _queue(manager)
    assert waiting["small"] in page and waiting["large"] in page
    assert waiting["named"] not in page  # routed to boss by name
    # a supervisor (limit 5000) may approve what no rule routes, within the limit only
    supervisor_page = _queue(people["supervisor"])
    assert waiting["large"] not in supervisor_page
    assert waiting["small"] not in supervisor_page  # routed to the manager role
    boss = manager.__class__.objects.get(username="boss")
    assert waiting["named"] in _queue(boss)
    ids = {w.work_order.number for w in services.approvals_waiting_for(people["supervisor"])}
    assert ids == set()
    assert {w.work_order.number for w in services.approvals_waiting_for(manager)} == {
        waiting["small"],
        waiting["large"],
    }


def test_a_role_without_the_approve_permission_waits_for_nothing(people, waiting):
    for role in ("requester", "technician", "planner", "scheduler", "admin"):
        assert not services.approvals_waiting_for(people[role]).exists(), role
