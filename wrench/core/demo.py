"""`wrench demo`: a believable plant, built through the same services people use."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from wrench.accounts.models import User
from wrench.accounts.roles import Role, ensure_roles
from wrench.assets.models import Area, Asset, CostCentre, EquipmentType, Site, Trade
from wrench.coding.book import CodingBook
from wrench.coding.services import load_default_coding
from wrench.core import clock, demo_flow
from wrench.core.demo_plant import AREAS, EQUIPMENT_TYPES, JOBS, LINES
from wrench.core.errors import ValidationFailed
from wrench.labor.services import charge_time
from wrench.workorders import services
from wrench.workorders.models import WorkOrder

SITE_CODE = "MILL"
DEMO_PASSWORD = "wrench"
LIMITS = {Role.SUPERVISOR: Decimal(5000), Role.MANAGER: None, Role.ADMIN: Decimal(0)}
RATES = {"MECH": 95, "ELEC": 105, "INST": 110, "WELD": 98, "ENG": 140, "OPER": 70}
NO_MOTOR = {"TANK", "TRUCK", "LOADER", "DOZER", "LV", "XFMR", "MCC"}

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


def demo_users(site: Site) -> list[tuple[str, str]]:
    ensure_roles()
    from django.contrib.auth.models import Group

    logins = []
    for role in Role:
        user, created = User.objects.get_or_create(
            username=role.value, defaults={"first_name": role.label, "last_name": "(demo)"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.approval_limit = LIMITS.get(role, Decimal(0))
            user.is_staff = role == Role.ADMIN
            user.save()
        user.groups.add(Group.objects.get(name=role.value))
        user.sites.add(site)
        logins.append((role.value, DEMO_PASSWORD))
    return logins


def build_plant(site: Site) -> dict[str, Asset]:
    areas = {
        code: Area.objects.get_or_create(site=site, code=code, defaults={"name": name})[0]
        for code, name in AREAS
    }
    centres = {
        code: CostCentre.objects.get_or_create(
            site=site, code=f"CC-{code}", defaults={"name": f"{name} maintenance"}
        )[0]
        for code, name in AREAS
    }
    types = {
        code: EquipmentType.objects.get_or_create(site=site, code=code, defaults={"name": name})[0]
        for code, name in EQUIPMENT_TYPES
    }
    for trade in Trade.objects.filter(site=site):
        trade.hourly_rate = Decimal(RATES.get(trade.code, 120))
        trade.save(update_fields=["hourly_rate"])
    assets: dict[str, Asset] = {}

    def add(
        code: str, name: str, parent: Asset | None, area: str, kind: str, crit: str = "B"
    ) -> Asset:
        asset, _ = Asset.objects.get_or_create(
            site=site,
            code=code,
            defaults={
                "name": name,
                "parent": parent,
                "area": areas[area],
                "equipment_type": types[kind],
                "cost_centre": centres[area],
                "criticality": crit,
            },
        )
        assets[code] = asset
        return asset

    for area_code, area_name in AREAS:
        root = add(f"A{area_code}", f"{area_name} area", None, area_code, "AREA", "A")
        for line_code, line_name, units in LINES[area_code]:
            line = add(line_code, line_name, root, area_code, "LINE", "A")
            for unit in units:
                machine = add(unit.code, unit.name, line, area_code, unit.type, unit.criticality)
                if unit.type not in NO_MOTOR:
                    add(
                        f"{unit.code}-M",
                        f"{unit.name} motor",
                        machine,
                        area_code,
                        "MOTOR",
                        unit.criticality,
                    )
                if unit.type in ("MILL", "CRUSH"):
                    add(
                        f"{unit.code}-L",
                        f"{unit.name} lube oil system",
                        machine,
                        area_code,
                        "PUMP",
                        "A",
                    )
                if unit.gearbox:
                    add(
                        f"{unit.code}-G",
                        f"{unit.name} gearbox",
                        machine,
                        area_code,
                        "GEAR",
                        unit.criticality,
                    )
    # Recent purchases still under the supplier's warranty.
    today = timezone.now().date()
    for code in ("CP-403", "HT-508", "P-404"):
        Asset.objects.filter(site=site, code=code).update(
            warranty_end=today + dt.timedelta(days=300)
        )
    return assets


@transaction.atomic
def load_demo(say: Callable[[str], Any] = print) -> list[tuple[str, str]]:
    """Load the demo plant unless it is already there; return the demo logins."""
    site, _ = Site.objects.get_or_create(code=SITE_CODE, defaults={"name": "Riverside Mill"})
    load_default_coding(site=site)
    logins = demo_users(site)
    if WorkOrder.objects.filter(site=site).exists():
        say(f"Demo plant {site} already loaded; nothing added.")
        return logins
    assets = build_plant(site)
    say(f"Site {site}: {len(assets)} equipment items.")
    users = {u.username: u for u in User.objects.filter(username__in=[r.value for r in Role])}
    demo_flow.before_work_orders(site, users)
    _work_orders(site, assets)
    demo_flow.after_work_orders(site, users, random.Random(2027))
    from wrench.reports import demo as report_demo

    report_demo.load(site)
    say(f"Site {site}: {WorkOrder.objects.filter(site=site).count()} work orders.")
    return logins


def _work_orders(site: Site, assets: dict[str, Asset]) -> None:
    rng = random.Random(2026)
    users = {u.username: u for u in User.objects.filter(username__in=[r.value for r in Role])}
    book = CodingBook.for_site(site.pk)
    machines = [a for a in assets.values() if a.equipment_type and a.equipment_type.code in JOBS]
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
