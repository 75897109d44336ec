"""The inbox page and the bell in the header."""

from __future__ import annotations

import pytest

from wrench.notifications.models import Message, Preference
from wrench.testing import factories
from wrench.workorders.services import transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def told(site, people):
    """Two of the requester's requests cancelled: two unread notifications."""
    for title in ("Door sticks", "Lamp out"):
        wo = factories.work_order(site, people["requester"], title=title)
        transition(wo, "CA", actor=people["planner"], reason="Done by the contractor")
    return list(Message.objects.filter(recipient=people["requester"]).order_by("-id"))


def test_the_bell_counts_my_unread_and_the_page_lists_them(client, people, told):
    client.force_login(people["requester"])
    page = client.get("/inbox/").content.decode()
    assert 'data-testid="bell"' in page and '<span class="count">2</span>' in page
    assert page.count('data-testid="note"') == 2
    assert "Lamp out" in page and "Reason: Done by the contractor" in page
    client.force_login(people["technician"])
    assert '<span class="count">0</span>' in client.get("/").content.decode()


def test_marking_read_in_place_then_all(client, people, told):
    client.force_login(people["requester"])
    one = client.post(f"/inbox/{told[0].pk}/read/", headers={"HX-Request": "true"})
    assert one.status_code == 200 and one["HX-Trigger"] == "inbox-changed"
    assert "Mark read" not in one.content.decode()  # the item, now read
    assert '<span class="count">1</span>' in client.get("/inbox/bell/").content.decode()
    assert client.get("/inbox/?show=unread").content.decode().count('data-testid="note"') == 1
    done = client.post("/inbox/read-all/", follow=True).content.decode()
    assert "1 notification marked read." in done and '<span class="count">0</span>' in done
    assert not Message.objects.filter(recipient=people["requester"], read_at=None).exists()


def test_someone_else_cannot_mark_my_notification(client, people, told):
    client.force_login(people["technician"])
    assert client.post(f"/inbox/{told[0].pk}/read/").status_code == 404
    assert Message.objects.get(pk=told[0].pk).read_at is None


def test_e_mail_preference_is_saved_with_feedback(client, people):
    client.force_login(people["requester"])
    page = client.post("/inbox/preference/", {}, follow=True).content.decode()
    assert "Saved: inbox only, no e-mail." in page
    assert Preference.objects.get(user=people["requester"]).email is False
    page = client.post("/inbox/preference/", {"email": "on"}, follow=True).content.decode()
    assert "Saved: e-mail and inbox." in page and 'name="email" checked' in page
