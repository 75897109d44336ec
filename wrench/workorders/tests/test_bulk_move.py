"""transition_many: the lifecycle's rules row by row, the writes in bulk, all or nothing."""

from __future__ import annotations

import pytest

from wrench.core.errors import Conflict, NotAllowed
from wrench.testing import factories
from wrench.workorders.lifecycle import SYSTEM
from wrench.workorders.models import WorkOrder, WorkOrderEvent
from wrench.workorders.services import transition_many
from wrench.workorders.status import Status

pytestmark = pytest.mark.django_db


def _at(site, people, status, n=1):
    made = []
    for _ in range(n):
        wo = factories.work_order(site, people["requester"], codes={"urgency": "#"})
        WorkOrder.objects.filter(pk=wo.pk).update(status=status)
        wo.refresh_from_db()
        made.append(wo)
    return made


def _events(orders, to):
    return WorkOrderEvent.objects.filter(work_order__in=orders, to_status=to)


def test_many_move_with_one_event_each_and_their_history(site, people):
    # Given five ready work orders
    ready = _at(site, people, Status.RS, 5)
    history_before = WorkOrder.history.filter(id__in=[w.pk for w in ready]).count()
    # When the system puts them all on a schedule, each with its own reason
    moved = transition_many(
        ready, Status.SC, actor=SYSTEM, reason={w.pk: f"week for {w.number}" for w in ready}
    )
    # Then each is SC with one automatic event naming its reason, and one history row more
    assert [w.status for w in moved] == [Status.SC] * 5
    assert WorkOrder.objects.filter(pk__in=[w.pk for w in ready], status="SC").count() == 5
    events = list(_events(ready, Status.SC))
    assert len(events) == 5
    assert all(e.automatic and e.actor_id is None and e.from_status == "RS" for e in events)
    assert {e.reason for e in events} == {f"week for {w.number}" for w in ready}
    assert WorkOrder.history.filter(id__in=[w.pk for w in ready]).count() == history_before + 5


def test_one_that_may_not_move_refuses_the_lot(site, people):
    # Given four ready work orders and one still a request
    ready = _at(site, people, Status.RS, 4)
    request = _at(site, people, Status.WR)[0]
    # When all five are to go to SC, the request cannot: nothing changes, and it is named
    with pytest.raises(Conflict, match=f"{request.number} is WR"):
        transition_many([*ready, request], Status.SC, actor=SYSTEM)
    assert WorkOrder.objects.filter(pk__in=[w.pk for w in ready], status="RS").count() == 4
    assert not _events(ready, Status.SC).exists()


def test_the_role_and_the_reason_rules_hold_per_row(site, people):
    scheduled = _at(site, people, Status.SC, 2)
    # A technician may not take work off the schedule
    with pytest.raises(NotAllowed, match="scheduler"):
        transition_many(scheduled, Status.RS, actor=people["technician"])
    # The scheduler may; the row's effect (take off the schedule) runs for each
    moved = transition_many(scheduled, Status.RS, actor=people["scheduler"], reason="off")
    assert {w.status for w in moved} == {Status.RS}
    assert {e.actor_id for e in _events(scheduled, Status.RS)} == {people["scheduler"].pk}


def test_the_writes_do_not_grow_with_the_rows(site, people, django_assert_max_num_queries):
    few, many = _at(site, people, Status.RS, 2), _at(site, people, Status.RS, 30)
    with django_assert_max_num_queries(12) as few_queries:
        transition_many(few, Status.SC, actor=SYSTEM)
    with django_assert_max_num_queries(len(few_queries.captured_queries)):
        transition_many(many, Status.SC, actor=SYSTEM)
