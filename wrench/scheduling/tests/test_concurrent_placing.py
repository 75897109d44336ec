"""Two schedulers put the same ready work on two weeks at once (PostgreSQL): one wins."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from wrench.core.errors import Conflict
from wrench.scheduling import services
from wrench.scheduling.models import ScheduleItem
from wrench.scheduling.tests.conftest import MONDAY, WEEK
from wrench.workorders.models import WorkOrder

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency: PostgreSQL (CI runs it)")


def test_the_same_work_placed_on_two_weeks_at_once_lands_on_exactly_one(plant):
    # Given one ready work order and two draft weeks (each week's row is its own lock, so
    # only the work order's row lock can keep the two apart)
    sched = plant.people["scheduler"]
    wo = plant.ready(hours=4)
    first = services.create_schedule(actor=sched, site=plant.site, week=WEEK)
    second = services.create_schedule(actor=sched, site=plant.site, week="2030-W11")
    start = threading.Barrier(2)
    won: list[str] = []
    refused: list[Exception] = []

    def put(schedule, day) -> None:
        try:
            start.wait()
            services.place(actor=sched, schedule=schedule, work_order=wo, crew=plant.mechs, day=day)
            won.append(schedule.week)
        except Conflict as exc:
            refused.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=put, args=(first, MONDAY + dt.timedelta(days=1))),
        threading.Thread(target=put, args=(second, MONDAY + dt.timedelta(days=8))),
    ]
    # When both place it at the same moment
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    # Then one wins, the other is told it is on the winner's week, and nothing is doubled
    assert len(won) == 1 and len(refused) == 1
    assert f"is on schedule {won[0]} already" in str(refused[0])
    assert list(ScheduleItem.objects.values_list("schedule__week", flat=True)) == won
    assert WorkOrder.objects.get(pk=wo.pk).events.filter(to_status="SC").count() == 1
