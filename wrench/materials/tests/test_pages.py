"""The requisitions and receiving pages without a browser: who sees them, what they show."""

from __future__ import annotations

import pytest

from wrench.materials import services
from wrench.testing import factories

pytestmark = pytest.mark.django_db


def test_approvers_and_planners_see_requisitions_technicians_do_not(client, site, people):
    store, bearing = factories.storeroom(site), factories.stock_item(site)
    req = services.raise_stock_requisition(
        actor=people["planner"], storeroom=store, items=[(bearing, 10)]
    )
    client.force_login(people["manager"])
    page = client.get("/requisitions/")
    assert req.number in page.content.decode() and "Approve PR-" in page.content.decode()
    answer = client.post(f"/requisitions/{req.number}/reject/", {"reason": ""})
    assert "say why" in answer.content.decode()
    client.force_login(people["technician"])
    assert client.get("/requisitions/").status_code == 403
    assert client.get("/receiving/").status_code == 403
    client.force_login(people["planner"])
    assert "Receiving" in client.get("/receiving/").content.decode()
