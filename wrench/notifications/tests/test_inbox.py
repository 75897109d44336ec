"""The inbox: the outbox's messages in the app, mine only, marked read one by one or all;
e-mail only when the person wants it."""

from __future__ import annotations

import pytest
from django.core import mail

from wrench.approvals import services as approvals
from wrench.notifications.models import Message
from wrench.notifications.services import send_due
from wrench.testing import factories
from wrench.workorders.services import transition, update_work_order

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def rejected(site, people):
    """A request the manager rejected: the requester is told."""
    wo = factories.work_order(site, people["requester"], title="Leaking valve")
    transition(wo, "WA", actor=people["supervisor"])
    approvals.reject(wo, actor=people["manager"], reason="Duplicate of an open job")
    return wo


def test_my_inbox_lists_my_notifications_newest_first_with_the_unread_count(
    api_as, people, rejected
):
    got = api_as(people["requester"]).get("/notifications")
    assert got.status_code == 200, got.text
    body = got.json()
    assert body["unread"] == 1
    [item] = body["items"]
    assert item["work_order"] == rejected.number
    assert item["subject"] == f"{rejected.number} rejected: Leaking valve"
    assert "Reason: Duplicate of an open job" in item["body"]
    assert (item["read"], item["read_at"], item["email"]) == (False, None, "pending")
    # the manager's inbox holds the approval request, not the requester's rejection
    theirs = api_as(people["manager"]).get("/notifications").json()["items"]
    assert [i["subject"] for i in theirs] == [f"{rejected.number} waiting approval: Leaking valve"]


def test_marking_one_read_and_then_all(api_as, site, people, rejected):
    requester = api_as(people["requester"])
    transition(
        factories.work_order(site, people["requester"]), "CA", actor=people["planner"], reason="x"
    )
    items = requester.get("/notifications").json()["items"]
    assert len(items) == 2
    one = requester.post(f"/notifications/{items[0]['id']}/read")
    assert one.status_code == 200, one.text
    assert one.json()["read"] is True and one.json()["read_at"]
    again = requester.post(f"/notifications/{items[0]['id']}/read")
    assert again.json()["read_at"] == one.json()["read_at"]  # reading twice changes nothing
    assert requester.get("/notifications?unread=true").json()["unread"] == 1
    assert requester.post("/notifications/read-all").json() == {"marked": 1}
    assert requester.get("/notifications").json()["unread"] == 0
    assert requester.post("/notifications/read-all").json() == {"marked": 0}


def test_someone_elses_notification_is_not_found(api_as, people, rejected):
    mine = Message.objects.get(recipient=people["requester"])
    answer = api_as(people["technician"]).post(f"/notifications/{mine.pk}/read")
    assert answer.status_code == 404
    assert answer.json()["detail"] == f"no message {mine.pk} in your inbox"
    assert Message.objects.get(pk=mine.pk).read_at is None


def test_e_mail_goes_only_to_people_who_want_it(api_as, people, rejected):
    for person in people.values():
        person.email = f"{person.username}@plant.example"
        person.save(update_fields=["email"])
    requester = api_as(people["requester"])
    assert requester.get("/notifications/preferences").json() == {"email": True}
    put = requester.put("/notifications/preferences", json={"email": False})
    assert put.status_code == 200 and put.json() == {"email": False}
    report = send_due()
    assert (report.sent, report.skipped) == (1, 1)  # the manager's, not the requester's
    assert [m.to for m in mail.outbox] == [["manager@plant.example"]]
    skipped = Message.objects.get(recipient=people["requester"])
    assert skipped.status == "skipped" and "asked for no e-mail" in skipped.last_error
    # the inbox still shows it
    assert requester.get("/notifications").json()["unread"] == 1
    bad = requester.put("/notifications/preferences", json={"email": False, "sms": True})
    assert bad.status_code == 400


def test_the_person_a_job_is_assigned_to_is_told(site, people):
    wo = factories.work_order(site, people["requester"], title="Belt slips")
    update_work_order(wo, actor=people["planner"], assigned_to=people["technician"])
    told = Message.objects.get(recipient=people["technician"])
    assert told.subject == f"{wo.number} assigned to you: Belt slips"
    assert "assigned to you by planner" in told.body
    update_work_order(wo, actor=people["planner"], title="Belt slips badly")
    assert Message.objects.filter(recipient=people["technician"]).count() == 1  # not again
