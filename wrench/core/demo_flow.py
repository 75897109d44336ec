"""The demo plant's approvals, stores, job plans, requisitions and time, through the services."""

from __future__ import annotations

import random
from decimal import Decimal

from wrench.accounts.models import User
from wrench.approvals.services import add_approval_rule
from wrench.assets.models import Site, Trade
from wrench.materials import services as materials
from wrench.materials.models import StockItem, Storeroom
from wrench.planning import services as planning
from wrench.workorders.models import WorkOrder

STOCK = (
    ("BRG-6310", "Ball bearing 6310-2RS", "EA", "85.00", 24),
    ("BRG-22220", "Spherical roller bearing 22220", "EA", "410.00", 6),
    ("SEAL-50", "Mechanical seal 50 mm cartridge", "EA", "620.00", 3),
    ("VB-B68", "V-belt B68", "EA", "18.50", 40),
    ("OIL-ISO220", "Gear oil ISO VG 220", "L", "6.20", 800),
    ("GR-EP2", "Grease EP2", "KG", "9.80", 120),
    ("FLT-HYD10", "Hydraulic filter element 10 µm", "EA", "72.00", 12),
    ("LINER-SP", "Slurry pump throat bush", "EA", "1350.00", 2),
    ("IDLER-CV", "Conveyor carry idler 1200 mm", "EA", "145.00", 10),
    ("FUSE-100", "Fuse 100 A gG", "EA", "12.00", 60),
)
PLANS = (
    (
        "JP-SEAL",
        "Replace pump mechanical seal",
        [
            "Isolate, lock out, drain",
            "Remove coupling guard and coupling",
            "Replace cartridge seal",
            "Align coupling (laser)",
            "Test run 30 min, check for leaks",
        ],
        [("MECH", 2, 3)],
        [("SEAL-50", 1)],
    ),
    (
        "JP-BRG",
        "Replace motor bearings",
        [
            "Isolate and lock out",
            "Uncouple and remove motor",
            "Replace both bearings",
            "Megger test windings",
            "Refit, align, test run",
        ],
        [("MECH", 1, 4), ("ELEC", 1, 2)],
        [("BRG-6310", 2), ("GR-EP2", 1)],
    ),
    (
        "JP-IDLER",
        "Change out conveyor idlers",
        ["Isolate conveyor, lock out", "Lift belt, swap idler sets", "Track belt, test run"],
        [("MECH", 2, 2)],
        [("IDLER-CV", 3)],
    ),
)


def before_work_orders(site: Site, users: dict[str, User]) -> None:
    """Approval routing, stores with counted stock and job plans: the plant's set-up."""
    add_approval_rule(actor=users["admin"], site=site, approver_role="manager")
    planner = users["planner"]
    main = Storeroom.objects.get_or_create(site=site, code="MAIN", defaults={"name": "Main store"})[
        0
    ]
    for code, name, unit, cost, on_hand in STOCK:
        item = StockItem.objects.get_or_create(
            site=site, code=code, defaults={"name": name, "unit": unit, "unit_cost": Decimal(cost)}
        )[0]
        materials.count_stock(actor=planner, stock_item=item, storeroom=main, on_hand=on_hand)
    trades = {t.code: t for t in Trade.objects.filter(site=site)}
    items = {i.code: i for i in StockItem.objects.filter(site=site)}
    for code, name, tasks, labour, parts in PLANS:
        planning.create_job_plan(
            actor=planner,
            site=site,
            code=code,
            name=name,
            tasks=tasks,
            labour=[(trades[t], n, h) for t, n, h in labour],
            materials_list=[(items[c], "", q, None) for c, q in parts],
        )


def after_work_orders(site: Site, users: dict[str, User], rng: random.Random) -> None:
    """Planning in progress: job plans on planned work, open and approved requisitions."""
    planner = users["planner"]
    main = Storeroom.objects.get(site=site, code="MAIN")
    plans = list(planning.JobPlan.objects.filter(site=site))
    in_planning = list(WorkOrder.objects.filter(site=site, status="PL").order_by("id"))
    for wo in in_planning[:12]:
        planning.apply_job_plan(wo, actor=planner, job_plan=rng.choice(plans), storeroom=main)
    for wo in in_planning[12:20]:  # quotes asked for, requisitions waiting for approval
        materials.add_material(
            wo,
            actor=planner,
            quantity=rng.randint(1, 4),
            description="Vendor spare (quoted)",
            unit_cost=rng.choice([45, 120, 380]),
        )
        materials.raise_requisition(wo, actor=planner, note="Quote attached")
    for wo in WorkOrder.objects.filter(site=site, status="WM").order_by("id")[:15]:
        materials.add_material(
            wo,
            actor=planner,
            quantity=rng.randint(1, 3),
            description="Direct purchase part",
            unit_cost=rng.choice([60, 240, 900]),
        )
        req = materials.raise_requisition(wo, actor=planner)
        materials.approve_requisition(req, actor=users["manager"])
