"""`wrench tick`: every periodic job once; run twice it creates nothing more."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.apps import apps
from django.core.management import call_command

from wrench.notifications.models import Message
from wrench.workorders.models import WorkOrder

# The reports sit above pm: their run records are looked up by name, not imported.
EmergencyReportRun = apps.get_model("reports", "EmergencyReportRun")
UrgentReportRun = apps.get_model("reports", "UrgentReportRun")

pytestmark = pytest.mark.django_db


def test_tick_raises_due_pm_work_and_sends_the_reports_once(site, people, make_plan):
    make_plan(interval_days=7, first_due=dt.date.today() - dt.timedelta(days=1))
    out = io.StringIO()
    call_command("tick", stdout=out)
    assert "1 work order(s) raised" in out.getvalue()
    counts = (
        WorkOrder.objects.count(),
        EmergencyReportRun.objects.count(),
        UrgentReportRun.objects.count(),
        Message.objects.count(),
    )
    assert counts[:3] == (1, 1, 1)
    call_command("tick", stdout=io.StringIO())
    assert (
        WorkOrder.objects.count(),
        EmergencyReportRun.objects.count(),
        UrgentReportRun.objects.count(),
        Message.objects.count(),
    ) == counts


def test_tick_refuses_an_unknown_job():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="unknown job"):
        call_command("tick", only="pm_generate,coffee")
