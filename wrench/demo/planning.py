"""Demo step, after the work orders: planning in progress. Job plans applied to planned work,
quotes on requisitions waiting for approval, approved requisitions for work waiting on parts."""

from __future__ import annotations

import random

from wrench.demo.context import Demo
from wrench.materials import services as materials
from wrench.materials.models import Storeroom
from wrench.planning import services as planning
from wrench.planning.models import JobPlan
from wrench.workorders.models import WorkOrder


def load(demo: Demo) -> None:
    rng = random.Random(2027)
    site, planner = demo.site, demo.users["planner"]
    main = Storeroom.objects.get(site=site, code="MAIN")
    plans = list(JobPlan.objects.filter(site=site))
    in_planning = list(WorkOrder.objects.filter(site=site, status="PL").order_by("id"))
    for wo in in_planning[:12]:
        planning.apply_job_plan(wo, actor=planner, job_plan=rng.choice(plans), storeroom=main)
    for wo in in_planning[12:20]:  # quotes asked for, requisitions waiting for approval
        planning.add_material(
            wo,
            actor=planner,
            quantity=rng.randint(1, 4),
            description="Vendor spare (quoted)",
            unit_cost=rng.choice([45, 120, 380]),
        )
        materials.raise_requisition(wo, actor=planner, note="Quote attached")
    for wo in WorkOrder.objects.filter(site=site, status="WM").order_by("id")[:15]:
        planning.add_material(
            wo,
            actor=planner,
            quantity=rng.randint(1, 3),
            description="Direct purchase part",
            unit_cost=rng.choice([60, 240, 900]),
        )
        req = materials.raise_requisition(wo, actor=planner)
        materials.approve_requisition(req, actor=demo.users["manager"])
