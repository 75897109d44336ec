"""`wrench demo`: a believable plant, built step by step through the services people use.

Each step is one module's `load(demo)`, run in the order of STEPS inside one transaction. An
area that brings demo data of its own adds one module here and one line to STEPS.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from wrench.assets.models import Site
from wrench.coding.services import load_default_coding
from wrench.demo import (
    approvals,
    field,
    inbox,
    inspections,
    job_plans,
    planning,
    plant,
    pm,
    reports,
    schedule,
    stores,
    work_orders,
)
from wrench.demo.context import Demo, Step
from wrench.demo.users import by_username, demo_users
from wrench.workorders.models import WorkOrder

SITE_CODE = "MILL"

STEPS: list[Step] = [
    plant.load,  # areas, cost centres, equipment types, ~200 equipment items, trade rates
    approvals.load,  # approval routing: above a person's limit, the manager approves
    stores.load,  # the main store with counted stock
    job_plans.load,  # job plans with labour and parts; inspection routes with checklists
    work_orders.load,  # 500 work orders in every status, with history and comments
    planning.load,  # job plans applied, requisitions open and approved
    reports.load,  # trade capacities, time charges, failure downtime
    schedule.load,  # crews with named technicians, calendars, a shutdown, this week frozen
    field.load,  # the technician's jobs, photos, manuals, stops of critical assets
    inspections.load,  # rounds worked through their checklists, failed checks' follow-ups
    pm.load,  # meters with 90 days of readings, PM plans of every trigger, their history
    inbox.load,  # a few unread notifications in every demo person's inbox
]


@transaction.atomic
def load_demo(say: Callable[[str], Any] = print) -> list[tuple[str, str]]:
    """Load the demo plant unless it is already there; return the demo logins."""
    site, _ = Site.objects.get_or_create(code=SITE_CODE, defaults={"name": "Riverside Mill"})
    load_default_coding(site=site)
    logins = demo_users(site)
    if WorkOrder.objects.filter(site=site).exists():
        say(f"Demo plant {site} already loaded; nothing added.")
        return logins
    demo = Demo(site=site, users=by_username(), say=say)
    for step in STEPS:
        step(demo)
    say(f"Site {site}: {WorkOrder.objects.filter(site=site).count()} work orders.")
    return logins
