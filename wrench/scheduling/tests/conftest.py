"""A small plant to schedule: two crews with named people, an area with a pump, ready work."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from wrench.assets.models import Area, Asset, Crew, Trade
from wrench.planning.models import LabourEstimate
from wrench.scheduling.models import CrewMember
from wrench.testing import factories
from wrench.workorders.models import WorkOrder

WEEK = "2030-W10"
MONDAY = dt.date(2030, 3, 4)


class Plant:
    def __init__(self, site: Any, people: dict[str, Any], make_user: Any) -> None:
        self.site = site
        self.people = people
        self.mech = Trade.objects.get(site=site, code="MECH")
        self.elec = Trade.objects.get(site=site, code="ELEC")
        self.area = Area.objects.create(site=site, code="200", name="Grinding")
        self.pump = Asset.objects.create(site=site, code="P-200", name="Mill pump", area=self.area)
        self.mechs = Crew.objects.get(site=site, code="UTIL-MECH")
        self.sparks = Crew.objects.get(site=site, code="PA1-EI")
        self.members: dict[str, Any] = {}
        for name, crew, trade in (
            ("ann", self.mechs, self.mech),
            ("bob", self.mechs, self.mech),
            ("eve", self.sparks, self.elec),
        ):
            person = make_user("technician", site, username=name, trade=trade)
            CrewMember.objects.create(site=site, crew=crew, person=person, trade=trade)
            self.members[name] = person

    def ready(
        self,
        title: str = "Replace bearing",
        *,
        hours: float = 4,
        trade: Trade | None = None,
        people: int = 1,
        priority: int = 5,
        timing: str = "R",
        asset: Asset | None = None,
        **extra: Any,
    ) -> WorkOrder:
        """A work order ready to schedule (RS) with one labour estimate."""
        wo = factories.work_order(
            self.site,
            self.people["planner"],
            codes={"timing": timing},
            title=title,
            asset=asset or self.pump,
            **extra,
        )
        trade = trade or self.mech
        LabourEstimate.objects.create(
            site=self.site,
            work_order=wo,
            trade=trade,
            people=people,
            hours_each=Decimal(str(hours)),
        )
        WorkOrder.objects.filter(pk=wo.pk).update(
            status="RS",
            priority=priority,
            trade=trade,
            estimated_hours=Decimal(str(hours * people)),
        )
        wo.refresh_from_db()
        return wo


@pytest.fixture
def plant(site, people, make_user) -> Plant:
    return Plant(site, people, make_user)
