"""What the demo plant needs for its reports: trade capacities and failure downtime."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from wrench.accounts.models import User
from wrench.assets.models import Site, Trade
from wrench.reports.models import Downtime, TradeCapacity
from wrench.workorders.models import WorkOrder

PEOPLE = {"MECH": 8, "ELEC": 4, "INST": 3, "WELD": 2}


def load(site: Site) -> None:
    """Give each trade a crew size and record downtime for completed emergency/urgent
    repairs (the asset stopped when reported and ran again when the work was complete)."""
    rng = random.Random(7)
    for trade in Trade.objects.filter(site=site):
        TradeCapacity.objects.get_or_create(
            site=site, trade=trade, defaults={"people": PEOPLE.get(trade.code, 1)}
        )
    recorder = User.objects.filter(username="supervisor").first()
    if recorder is None:
        return
    failures = WorkOrder.objects.filter(
        site=site,
        asset__isnull=False,
        completed_at__isnull=False,
        urgency__abbreviation__in=["E", "U"],
        downtime__isnull=True,
    ).values_list("id", "asset_id", "requested_at", "completed_at")
    rows: list[Any] = list(failures)
    Downtime.objects.bulk_create(
        Downtime(
            site=site,
            asset_id=asset_id,
            work_order_id=pk,
            started_at=requested_at - dt.timedelta(minutes=rng.randint(5, 90)),
            ended_at=min(completed_at, requested_at + dt.timedelta(hours=rng.randint(2, 30))),
            recorded_by=recorder,
            recorded_at=completed_at,
        )
        for pk, asset_id, requested_at, completed_at in rows
    )
