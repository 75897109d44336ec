"""Two receipts for the last materials arrive at once (PostgreSQL): RS exactly once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from wrench.materials import services
from wrench.materials.models import RequisitionLine
from wrench.planning.services import finish_planning
from wrench.testing import factories
from wrench.workorders.models import WorkOrder, WorkOrderEvent
from wrench.workorders.services import transition

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency: PostgreSQL (CI runs it)")


def test_two_last_receipts_at_once_make_the_work_ready_exactly_once(site, people):
    planner = people["planner"]
    wo = factories.work_order(site, people["requester"])
    transition(wo, "WA", actor=people["supervisor"])
    transition(wo, "BL", actor=people["manager"])
    for part in ("Seal kit", "Coupling insert"):
        services.add_material(wo, actor=planner, quantity=1, description=part, unit_cost=10)
    req = services.raise_requisition(wo, actor=planner)
    services.approve_requisition(req, actor=planner)
    finish_planning(wo, actor=planner)
    assert WorkOrder.objects.get(pk=wo.pk).status == "WM"
    lines = list(req.lines.order_by("id"))

    start = threading.Barrier(2)
    errors: list[Exception] = []

    def receive(line: RequisitionLine) -> None:
        try:
            start.wait()
            services.receive(line, actor=planner, quantity=1)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=receive, args=(line,)) for line in lines]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert errors == []
    assert WorkOrder.objects.get(pk=wo.pk).status == "RS"
    ready = WorkOrderEvent.objects.filter(work_order=wo, to_status="RS")
    assert ready.count() == 1 and ready.get().automatic
