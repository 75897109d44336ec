"""`wrench demo` loads a believable plant once, and only once."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from wrench.accounts.models import User
from wrench.accounts.roles import Role
from wrench.assets.models import Asset, Site
from wrench.workorders.models import Comment, WorkOrder, WorkOrderEvent
from wrench.workorders.status import Status

pytestmark = pytest.mark.django_db


def test_demo_plant_loads_every_status_and_is_idempotent(capsys):
    call_command("demo")
    site = Site.objects.get(code="MILL")
    counts = (Asset.objects.filter(site=site).count(), WorkOrder.objects.filter(site=site).count())
    assert counts == (200, 500)
    assert set(WorkOrder.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(User.objects.values_list("username", flat=True)) >= {r.value for r in Role}
    assert WorkOrder.objects.filter(emergency=True).exists()
    assert WorkOrderEvent.objects.filter(automatic=True).exists()  # WL is reached by the system
    assert Comment.objects.exists() and WorkOrder.history.exists()
    # every work order past review is coded on every characteristic
    coded = WorkOrder.objects.exclude(status__in=["WR"]).exclude(emergency=True)
    assert not coded.filter(reason=None).exists() and not coded.filter(timing=None).exists()
    events = WorkOrderEvent.objects.count()
    call_command("demo")
    assert (Asset.objects.filter(site=site).count(), WorkOrder.objects.count()) == counts
    assert WorkOrderEvent.objects.count() == events
    out = capsys.readouterr().out
    assert "already loaded" in out and "planner     / wrench" in out
