"""Applying a solved week in bulk: one event per work order, items with their people, the
assignee and a message per technician, with queries that do not grow with the work."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wrench.notifications.models import Message
from wrench.scheduling import optimising, services
from wrench.scheduling.models import ScheduleItem
from wrench.scheduling.tests.conftest import WEEK
from wrench.workorders.models import WorkOrder, WorkOrderEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(plant):
    return services.create_schedule(actor=plant.people["scheduler"], site=plant.site, week=WEEK)


def _optimise(plant, week):
    return optimising.optimise(actor=plant.people["scheduler"], schedule=week, time_limit=5)


def test_each_placed_work_order_gets_one_system_event_naming_the_week(plant, week):
    jobs = [plant.ready(f"Job {n}", hours=2, priority=n) for n in range(6)]
    got = _optimise(plant, week)
    placed = {r["work_order"] for r in got.placed}
    assert placed == {w.number for w in jobs}
    events = WorkOrderEvent.objects.filter(work_order__in=jobs, to_status="SC")
    assert events.count() == 6
    assert all(e.automatic and WEEK in e.reason and "optimiser" in e.reason for e in events)
    # Every item names its people, the work order its assignee, who is told
    items = ScheduleItem.objects.filter(schedule=week).prefetch_related("people")
    assert items.count() == 6
    assert all(len(i.people.all()) == 1 for i in items)
    for wo in WorkOrder.objects.filter(pk__in=[w.pk for w in jobs]):
        item = items.get(work_order=wo)
        assert wo.assigned_to_id == item.people.get().pk
        assert Message.objects.filter(work_order=wo, recipient_id=wo.assigned_to_id).count() == 1


def test_work_left_out_on_a_second_run_goes_back_to_ready(plant, week):
    low = plant.ready("Low", hours=6, priority=1)
    _optimise(plant, week)
    assert WorkOrder.objects.get(pk=low.pk).status == "SC"
    # Higher work fills the crew; the optimiser's own earlier placement is replaced
    for n in range(10):  # two a day fill both mechanics' 13.6 h (after the 15 %)
        plant.ready(f"High {n}", hours=6, priority=50)
    got = _optimise(plant, week)
    assert low.number in {r["work_order"] for r in got.left_out}
    assert WorkOrder.objects.get(pk=low.pk).status == "RS"
    back = WorkOrderEvent.objects.get(work_order=low, to_status="RS")
    assert back.actor_id == plant.people["scheduler"].pk and "left out" in back.reason


def test_the_writes_do_not_grow_with_the_work(plant, week, site):
    def queries(n: int, offset: int) -> int:
        for k in range(n):
            plant.ready(f"Job {offset + k}", hours=1, priority=5)
        ScheduleItem.objects.all().delete()
        WorkOrder.objects.filter(status="SC").update(status="RS")
        with CaptureQueriesContext(connection) as got:
            _optimise(plant, week)
        return len(got.captured_queries)

    few = queries(2, 0)
    many = queries(10, 100)
    assert many <= few + 2  # batches, not a statement per work order
