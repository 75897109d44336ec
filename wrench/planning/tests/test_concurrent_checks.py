"""Two technicians fail the same check at once (PostgreSQL): one follow-up, not two."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from wrench.planning import checklists
from wrench.planning.models import ChecklistItem
from wrench.planning.tests.test_checklist_api import inspection, round_plan
from wrench.workorders.models import WorkOrder

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency: PostgreSQL (CI runs it)")


def test_the_same_fail_posted_twice_at_once_raises_exactly_one_follow_up(site, people):
    wo = inspection(site, people, round_plan(site, people["planner"]))
    before = WorkOrder.objects.count()
    start = threading.Barrier(2)
    errors: list[Exception] = []
    raised: list[int | None] = []

    def fail(actor, value) -> None:
        try:
            start.wait()
            item = checklists.record_result(wo, actor=actor, number=2, result=None, value=value)
            raised.append(item.follow_up_id)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=fail, args=(people["technician"], "92")),
        threading.Thread(target=fail, args=(people["supervisor"], "95")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert errors == []
    assert WorkOrder.objects.count() == before + 1
    item = ChecklistItem.objects.get(work_order=wo, number=2)
    assert raised == [item.follow_up_id, item.follow_up_id]
    assert WorkOrder.objects.get(pk=item.follow_up_id).parent_id == wo.pk
