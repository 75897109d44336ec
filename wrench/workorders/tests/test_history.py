"""Every field change is kept; lifecycle events are append-only."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wrench.testing import factories
from wrench.workorders.models import Comment, WorkOrder, WorkOrderEvent
from wrench.workorders.services import add_comment, transition, update_work_order

pytestmark = pytest.mark.django_db


def test_field_changes_keep_who_when_old_and_new(site, people):
    wo = factories.work_order(site, people["requester"], codes={"reason": "OP"})
    update_work_order(
        wo, actor=people["supervisor"], title="Seal failed on P-101", codes={"reason": "SA"}
    )
    newest, oldest = wo.history.first(), wo.history.last()
    assert newest.history_user == people["supervisor"]
    assert oldest.history_user == people["requester"]
    delta = newest.diff_against(newest.prev_record)
    changed = {c.field: (c.old, c.new) for c in delta.changes}
    assert changed["title"] == ("Seal leaking on P-101", "Seal failed on P-101")
    assert set(changed) == {"title", "reason"}


def test_create_and_transition_write_the_history_row_simple_history_would(site, people):
    """The services write history rows themselves (faster); they match simple-history's."""
    supervisor = people["supervisor"]

    def ours_then_simple_historys(wo):
        fresh = WorkOrder.objects.get(pk=wo.pk)
        fresh._history_user = supervisor
        fresh.save()  # simple-history's receiver writes a "~" row of the same state
        *_, ours, theirs = WorkOrder.history.filter(id=wo.pk).order_by("history_id").values()
        skip = {"history_id", "history_date", "history_type"}
        return {k: v for k, v in ours.items() if k not in skip}, {
            k: v for k, v in theirs.items() if k not in skip
        }

    wo = factories.work_order(site, supervisor, estimated_cost="750", needed_by="2030-03-01")
    ours, theirs = ours_then_simple_historys(wo)
    assert ours == theirs and ours["history_user_id"] == supervisor.pk
    transition(wo, "BL", actor=supervisor, approved_amount=Decimal("700"))
    ours, theirs = ours_then_simple_historys(wo)
    assert ours == theirs and ours["status"] == "BL"
    kinds = WorkOrder.history.filter(id=wo.pk).order_by("history_id")
    assert list(kinds.values_list("history_type", flat=True)) == ["+", "~", "~", "~"]


def test_each_transition_writes_one_event_in_order(site, people):
    wo = factories.work_order(site, people["requester"])
    transition(wo, "WA", actor=people["supervisor"])
    transition(wo, "RJ", actor=people["manager"], reason="Covered by the shutdown job")
    events = list(
        WorkOrderEvent.objects.filter(work_order=wo).values_list(
            "from_status", "to_status", "reason"
        )
    )
    assert events == [
        ("", "WR", "request entered"),
        ("WR", "WA", ""),
        ("WA", "RJ", "Covered by the shutdown job"),
    ]


def test_events_can_be_neither_edited_nor_deleted(site, people):
    wo = factories.work_order(site, people["requester"])
    event = WorkOrderEvent.objects.get(work_order=wo)
    event.reason = "rewritten"
    with pytest.raises(RuntimeError, match="append-only"):
        event.save()
    with pytest.raises(RuntimeError, match="append-only"):
        event.delete()
    with pytest.raises(RuntimeError, match="append-only"):
        WorkOrderEvent.objects.filter(work_order=wo).update(reason="x")
    with pytest.raises(RuntimeError, match="append-only"):
        WorkOrderEvent.objects.filter(work_order=wo).delete()
    assert WorkOrderEvent.objects.get(pk=event.pk).reason == "request entered"


def test_comments_keep_author_time_and_text(site, people):
    wo = factories.work_order(site, people["requester"])
    add_comment(wo, actor=people["technician"], text="Spare seal is in the store.")
    comment = Comment.objects.get(work_order=wo)
    assert (comment.author, comment.text) == (people["technician"], "Spare seal is in the store.")
    assert comment.created_at is not None
