"""The outbox: who is told what, sent by a task, retried on failure, never twice."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from wrench.approvals import services as approvals
from wrench.core import clock
from wrench.core.errors import Conflict
from wrench.notifications.models import Message
from wrench.notifications.services import send_due
from wrench.testing import factories
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _emails(people):
    for person in people.values():
        person.email = f"{person.username}@plant.example"
        person.save(update_fields=["email"])


def test_the_approver_is_told_when_work_waits_for_them(site, people):
    wo = factories.work_order(site, people["requester"])
    transition(wo, "WA", actor=people["supervisor"])
    message = Message.objects.get()
    assert message.recipient == people["manager"]  # the only approver at the site
    assert message.subject == f"{wo.number} waiting approval: {wo.title}"
    assert "You are told because it waits for your approval." in message.body


def test_the_originator_and_prior_approvers_are_told_of_a_rejection(site, people):
    wo = factories.work_order(site, people["requester"])
    transition(wo, "WA", actor=people["supervisor"])
    approvals.reject(wo, actor=people["manager"], reason="Duplicate of an open job")
    told = Message.objects.filter(event__to_status="RJ")
    assert [m.recipient for m in told] == [people["requester"]]  # the rejecter is not told
    assert "Reason: Duplicate of an open job" in told.get().body


def test_a_rolled_back_change_tells_nobody(site, people):
    wo = factories.work_order(site, people["requester"])
    with pytest.raises(Conflict):
        transition(wo, "CL", actor=people["planner"])
    assert not Message.objects.exists()


def test_sending_delivers_once_and_running_it_again_sends_nothing(site, people):
    wo = factories.work_order(site, people["requester"])
    transition(wo, "CA", actor=people["planner"], reason="Equipment scrapped")
    assert send_due().sent == 1
    assert send_due().sent == 0
    out = StringIO()
    call_command("send_notifications", stdout=out)
    assert out.getvalue().startswith("sent 0,")
    assert [m.to for m in mail.outbox] == [["requester@plant.example"]]
    assert Message.objects.get().status == "sent"


def test_a_failed_send_is_retried_later_and_given_up_after_the_last_attempt(site, people, settings):
    settings.WRENCH_NOTIFY_MAX_ATTEMPTS = 2
    wo = factories.work_order(site, people["requester"])
    transition(wo, "CA", actor=people["planner"], reason="Duplicate")
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")):
        report = send_due()
        message = Message.objects.get()
        assert (report.retrying, message.status, message.attempts) == (1, "pending", 1)
        assert message.last_error == "OSError: SMTP down"
        assert message.next_attempt_at > clock.now()
        assert send_due().retrying == 0  # not due yet
        with clock.travel_to(clock.now() + dt.timedelta(minutes=2)):
            assert send_due().failed == 1
    assert Message.objects.get().status == "failed"


def test_a_transition_enqueues_the_send_task_after_commit(
    site, people, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    wo = factories.work_order(site, people["requester"])
    with django_capture_on_commit_callbacks(execute=True):
        transition(wo, "CA", actor=people["planner"], reason="Duplicate")
        assert not DBTaskResult.objects.exists()  # nothing queued before the commit
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "wrench.notifications.tasks.send_notifications"
    assert not mail.outbox  # the request itself sends nothing
