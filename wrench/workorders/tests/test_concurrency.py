"""Concurrent users on PostgreSQL: numbers never collide, one transition wins."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from wrench.core.errors import Conflict
from wrench.testing import factories
from wrench.workorders.models import WorkOrder, WorkOrderEvent
from wrench.workorders.services import transition

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency: PostgreSQL (CI runs it)")


def _in_threads(n: int, work: Callable[[int], Any]) -> list[Any]:
    start = threading.Barrier(n)
    results: list[Any] = [None] * n

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = work(i)
        except Exception as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_twenty_concurrent_requests_get_twenty_distinct_numbers(site, people):
    results = _in_threads(
        20, lambda i: factories.work_order(site, people["requester"], title=f"Job {i}").number
    )
    assert all(isinstance(r, str) for r in results), results
    assert len(set(results)) == 20
    assert sorted(results) == [f"NORTH-{n:06d}" for n in range(1, 21)]


def test_two_concurrent_transitions_from_the_same_status_one_wins(site, people):
    wo = factories.work_order(site, people["requester"])
    results = _in_threads(
        2, lambda i: transition(WorkOrder.objects.get(pk=wo.pk), "WA", actor=people["supervisor"])
    )
    wins = [r for r in results if isinstance(r, WorkOrder)]
    losses = [r for r in results if isinstance(r, Conflict)]
    assert len(wins) == 1 and len(losses) == 1, results
    assert "is WA (Waiting approval) and cannot go to WA" in losses[0].detail
    assert WorkOrderEvent.objects.filter(work_order=wo, to_status="WA").count() == 1
