"""`wrench demo` loads a believable plant once, and only once."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from wrench.accounts.models import User
from wrench.accounts.roles import Role
from wrench.assets.models import Asset, Site
from wrench.planning.models import ChecklistItem, JobPlan
from wrench.workorders.models import Comment, WorkOrder, WorkOrderEvent
from wrench.workorders.status import Status

pytestmark = pytest.mark.django_db


def test_demo_plant_loads_every_status_and_is_idempotent(capsys):
    call_command("demo")
    site = Site.objects.get(code="MILL")
    counts = (Asset.objects.filter(site=site).count(), WorkOrder.objects.filter(site=site).count())
    # 500 work orders, the inspection rounds (6) and what their failed checks raised (3),
    # then the PM history (its own test below)
    pm_made = WorkOrder.objects.filter(site=site, pm_occurrence__isnull=False).count()
    assert counts[0] == 200 and pm_made > 0
    assert counts[1] == 509 + pm_made + 1  # + the guard a PM round found off
    _pm_history_is_there(site)
    assert set(WorkOrder.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(User.objects.values_list("username", flat=True)) >= {r.value for r in Role}
    assert WorkOrder.objects.filter(emergency=True).exists()
    assert WorkOrderEvent.objects.filter(automatic=True).exists()  # WL is reached by the system
    assert Comment.objects.exists() and WorkOrder.history.exists()
    # every work order past review is coded on every characteristic
    coded = WorkOrder.objects.exclude(status__in=["WR"]).exclude(emergency=True)
    assert not coded.filter(reason=None).exists() and not coded.filter(timing=None).exists()
    # the operator round on My work: in progress, a hot bearing failed and raised its request
    fails = ChecklistItem.objects.filter(work_order__site=site, result="fail").select_related(
        "work_order", "follow_up__initiated_by"
    )
    assert {(i.inspection_kind, i.follow_up.initiated_by.abbreviation) for i in fails} == {
        ("O", "O"),
        ("V", "V"),
    }
    live = fails.get(work_order__status="IP")
    assert (live.text, live.follow_up.parent_id) == ("Bearing temperature", live.work_order_id)
    assert live.work_order.assigned_to.username == "technician"  # on My work
    assert ChecklistItem.objects.filter(work_order=live.work_order, result="").count() == 2
    assert JobPlan.objects.filter(site=site, inspection_kind="L").exists()
    events = WorkOrderEvent.objects.count()
    call_command("demo")
    assert (Asset.objects.filter(site=site).count(), WorkOrder.objects.count()) == counts
    assert WorkOrderEvent.objects.count() == events
    out = capsys.readouterr().out
    assert "already loaded" in out and "planner     / wrench" in out


def test_demo_people_have_e_mail_so_a_newcomer_sees_notifications_sent(site, mailoutbox):
    from wrench.core import clock
    from wrench.demo.users import demo_users
    from wrench.notifications.models import Message
    from wrench.notifications.services import send_due

    # given the demo people, one of them loaded before the people had e-mail
    User.objects.create(username="planner", first_name="Planner")
    demo_users(site)
    people = User.objects.filter(username__in=[r.value for r in Role])
    assert all(u.email.endswith("@demo.example.com") for u in people)
    # when a notification to the planner is sent
    planner = people.get(username="planner")
    Message.objects.create(
        site=site,
        recipient=planner,
        subject="MILL-000001 is ready",
        body="x",
        next_attempt_at=clock.now(),
        created_at=clock.now(),
    )
    sent = send_due()
    # then it is mailed, not skipped for want of an address
    assert sent.sent == 1 and [m.to for m in mailoutbox] == [["planner@demo.example.com"]]


def test_check_warns_of_the_demo_logins_on_a_public_server(settings, site):
    import io

    from wrench.demo.users import demo_users

    settings.DEBUG, settings.SECRET_KEY = False, "k" * 50
    settings.ALLOWED_HOSTS = ["cmms.example.com"]
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS = True, 31536000
    out, err = io.StringIO(), io.StringIO()
    call_command("check", stdout=out, stderr=err)
    assert "wrench.W001" not in err.getvalue()
    demo_users(site)
    call_command("check", stdout=out, stderr=err)
    assert "wrench.W001" in err.getvalue() and "password is in the README" in err.getvalue()
    assert "wrench check: no errors" in out.getvalue()  # a warning, not a failure


def _pm_history_is_there(site):
    """Every trigger kind, something due this week, one overdue, a meter near its threshold,
    and the compliance report with real figures."""
    import datetime as dt

    from wrench.core import clock
    from wrench.pm.models import MeterReading, PmOccurrence, PmPlan

    today = clock.now().date()
    plans = {p.asset.code: p for p in PmPlan.objects.filter(site=site).select_related("asset")}
    assert {p.schedule for p in plans.values()} == {"fixed", "floating"}
    assert plans["CV-101"].interval_days and plans["CV-101"].meter_id  # whichever first
    assert plans["P-402"].season_from == 3 and plans["ML-201"].interval_days is None
    week = today + dt.timedelta(days=7)
    assert sum(1 for p in plans.values() if p.next_due and today <= p.next_due <= week) >= 2
    meter = plans["ML-201"].meter
    assert 0 < plans["ML-201"].next_meter_due - meter.total <= 50
    assert MeterReading.objects.filter(meter=meter).count() == 91
    overdue = PmOccurrence.objects.filter(
        plan=plans["P-403"], due_on__lt=today, work_order__completed_at=None
    )
    assert overdue.count() == 1
    assert PmOccurrence.objects.filter(plan=plans["CP-401"], state="skipped").count() == 1
    found = PmOccurrence.objects.filter(
        plan=plans["P-203"], work_order__checklist__follow_up__isnull=False
    )
    assert found.count() == 1
    assert PmOccurrence.objects.filter(site=site, work_order__status="CO").count() >= 8
