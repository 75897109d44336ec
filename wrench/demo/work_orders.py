"""Demo step: 500 work orders in every status, each walked there through the services (with
its history, events and comments spread over the past months by `clock.travel_to`)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from wrench.accounts.models import User
from wrench.coding.book import CodingBook
from wrench.core import clock
from wrench.core.errors import ValidationFailed
from wrench.demo.context import Demo
from wrench.demo.jobs import JOBS
from wrench.demo.plant import RATES
from wrench.labor.services import charge_time
from wrench.workorders import services
from wrench.workorders.models import WorkOrder

# How many demo work orders end in each status (500 in all).
TARGETS = {
    "WR": 30,
    "WA": 20,
    "BL": 55,
    "PL": 30,
    "WL": 8,
    "WM": 25,
    "RS": 40,
    "SC": 35,
    "IP": 30,
    "CO": 40,
    "CL": 150,
    "CA": 20,
    "RJ": 17,
}
PATHS = {
    "WR": [],
    "WA": ["WA"],
    "RJ": ["WA", "RJ"],
    "BL": ["WA", "BL"],
    "PL": ["WA", "BL", "PL"],
    "WL": ["WA", "BL", "PL", "WL"],
    "WM": ["WA", "BL", "PL", "WM"],
    "RS": ["WA", "BL", "PL", "RS"],
    "SC": ["WA", "BL", "PL", "RS", "SC"],
    "IP": ["WA", "BL", "PL", "RS", "SC", "IP"],
    "CO": ["WA", "BL", "PL", "RS", "SC", "IP", "CO"],
    "CL": ["WA", "BL", "PL", "RS", "SC", "IP", "CO", "CL"],
    "CA": ["WA", "BL", "CA"],
}
COMMENTS = [
    "Operators report it got worse on night shift.",
    "Parts checked in the store: seal kit on the shelf.",
    "Scaffold needed for access; booked with the contractor.",
    "Isolation points confirmed with the area operator.",
    "Vendor rep available next Tuesday if we need them.",
    "Check the spare on the shelf before ordering.",
]


def load(demo: Demo) -> None:
    """500 work orders, each walked through the lifecycle to its final status."""
    site, users = demo.site, demo.users
    rng = random.Random(2026)
    book = CodingBook.for_site(site.pk)
    machines = [
        a for a in demo.assets.values() if a.equipment_type and a.equipment_type.code in JOBS
    ]
    plan = [status for status, n in TARGETS.items() for _ in range(n)]
    rng.shuffle(plan)
    now = timezone.now()
    for final in plan:
        asset = rng.choice(machines)
        assert asset.equipment_type is not None
        title, text, action, reason, timing, trade, hours = rng.choice(
            JOBS[asset.equipment_type.code]
        )
        emergency = final in ("IP", "CO", "CL") and rng.random() < 0.12
        urgent = not emergency and rng.random() < 0.12
        steps = (
            PATHS[final]
            if not emergency
            else ["IP", "CO", "CL"][: ["IP", "CO", "CL"].index(final) + 1]
        )
        age_days = 2 + (len(steps) * 6) + rng.randint(0, 20) + (25 if final == "CL" else 0)
        t = now - dt.timedelta(days=age_days, hours=rng.randint(0, 23))
        step = dt.timedelta(hours=rng.randint(4, 60))
        requester = users[rng.choice(["requester", "requester", "technician", "supervisor"])]
        initiated = rng.choice(["O", "O", "U", "U", "M", "S", "L", "V"])
        with clock.travel_to(t):
            wo = services.create_work_order(
                actor=requester,
                site=site,
                book=book,
                title=title.format(code=asset.code),
                description=text,
                asset=asset,
                codes={
                    "urgency": "E" if emergency else ("U" if urgent else "#"),
                    "initiated_by": initiated,
                    "funding": "W" if asset.under_warranty() else "R",
                },
            )
        cost = Decimal(hours * RATES.get(trade, 100) + rng.choice([0, 0, 150, 400, 1200, 3800]))
        t += step
        with clock.travel_to(t):
            wo = services.update_work_order(
                wo,
                actor=users["supervisor"],
                trade=trade,
                estimated_hours=hours,
                estimated_cost=cost,
                consequence=rng.randint(1, 5),
                probability=rng.randint(1, 5),
                codes={"action": action, "reason": reason, "timing": timing},
            )
        for to in steps:
            t += dt.timedelta(hours=rng.randint(4, 96)) if to != "CL" else dt.timedelta(days=16)
            with clock.travel_to(t):
                wo = _step(wo, to, users, rng)
        if rng.random() < 0.35:
            with clock.travel_to(t + dt.timedelta(hours=1)):
                services.add_comment(
                    wo,
                    actor=users[rng.choice(["planner", "technician", "supervisor"])],
                    text=rng.choice(COMMENTS),
                )


def _step(wo: WorkOrder, to: str, users: dict[str, User], rng: random.Random) -> WorkOrder:
    who = {
        "WA": "supervisor",
        "RJ": "manager",
        "BL": "manager",
        "PL": "planner",
        "WM": "planner",
        "RS": "planner",
        "SC": "scheduler",
        "IP": "technician",
        "CO": "technician",
        "CL": "planner",
        "CA": "planner",
    }
    if to == "WL":  # detailed planning found more work: the estimate grows past the variance,
        # and the lifecycle sends it back for re-approval by itself
        return services.update_work_order(
            wo, actor=users["planner"], estimated_cost=wo.estimated_cost * 2 + 500
        )
    if to == "IP":  # the technician's first hours start the work (automatic, system)
        try:
            charge_time(wo, actor=users["technician"], hours=rng.choice([1, 2, 2, 3]))
            return WorkOrder.objects.get(pk=wo.pk)
        except ValidationFailed:  # the demo technician's day is full: start by hand
            pass
    reasons = {"RJ": "Duplicate of an existing work order", "CA": "Equipment to be decommissioned"}
    return services.transition(
        wo,
        to,
        actor=users[who[to]],
        reason=reasons.get(to, ""),
        findings="Found worn parts; replaced and tested. Running normally." if to == "CO" else "",
    )
