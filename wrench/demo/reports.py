"""Demo step, last: what the reports need: trade capacities, hours charged on started work
and downtime of failures."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from wrench.accounts.models import User
from wrench.assets.models import Site, Trade
from wrench.assets.services import record_downtime
from wrench.core import clock
from wrench.core.errors import DomainError
from wrench.demo.context import Demo
from wrench.labor.models import TimeCharge
from wrench.reports.models import TradeCapacity
from wrench.workorders.models import WorkOrder

PEOPLE = {"MECH": 8, "ELEC": 4, "INST": 3, "WELD": 2}


def load(demo: Demo) -> None:
    """Give each trade a crew size and record downtime for completed emergency/urgent
    repairs (the asset stopped when reported and ran again when the work was complete)."""
    site = demo.site
    rng = random.Random(7)
    for trade in Trade.objects.filter(site=site):
        TradeCapacity.objects.get_or_create(
            site=site, trade=trade, defaults={"people": PEOPLE.get(trade.code, 1)}
        )
    recorder = User.objects.filter(username="supervisor").first()
    technician = User.objects.filter(username="technician").first()
    if recorder is None or technician is None:
        return
    _time_charges(site, technician, rng)
    failures = WorkOrder.objects.filter(
        site=site,
        asset__isnull=False,
        completed_at__isnull=False,
        urgency__abbreviation__in=["E", "U"],
        downtimes__isnull=True,
    ).select_related("asset")
    for wo in failures.order_by("requested_at", "id"):
        assert wo.asset is not None and wo.completed_at is not None  # filtered above
        start = wo.requested_at - dt.timedelta(minutes=rng.randint(5, 90))
        end = min(wo.completed_at, wo.requested_at + dt.timedelta(hours=rng.randint(2, 30)))
        try:
            with clock.travel_to(wo.completed_at):  # recorded when the work was complete
                record_downtime(
                    actor=recorder,
                    asset=wo.asset,
                    start=start,
                    end=end,
                    reason=f"failure: {wo.title[:60]}",
                    work_order=wo.number,
                )
        except DomainError:  # overlaps an earlier failure's stop of the same asset: skip
            continue


def _time_charges(site: Site, technician: User, rng: random.Random) -> None:
    """Hours charged on started work: the estimate × 0.7–1.5, on the day it was done."""
    fallback = Trade.objects.filter(site=site, code="MECH").first()
    started = WorkOrder.objects.filter(
        site=site, status__in=["IP", "CO", "CL"], time_charges__isnull=True
    ).values_list("id", "trade_id", "estimated_hours", "completed_at", "status_changed_at")
    rows: list[Any] = list(started)
    TimeCharge.objects.bulk_create(
        TimeCharge(
            site=site,
            work_order_id=pk,
            person=technician,
            trade_id=trade_id or (fallback.pk if fallback else 0),
            date=(done or since).date(),
            hours=min(
                Decimal(24),
                max(Decimal("0.5"), (est or Decimal(2)) * Decimal(rng.randint(7, 15)) / 10),
            ).quantize(Decimal("0.01")),
            entered_by=technician,
            entered_at=done or since,
        )
        for pk, trade_id, est, done, since in rows
    )
