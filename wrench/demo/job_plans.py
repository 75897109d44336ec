"""Demo step: job plans (task lists with labour and parts) for the plant's common jobs."""

from __future__ import annotations

from wrench.assets.models import Trade
from wrench.demo.context import Demo
from wrench.materials.models import StockItem
from wrench.planning import services as planning

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


def load(demo: Demo) -> None:
    site = demo.site
    trades = {t.code: t for t in Trade.objects.filter(site=site)}
    items = {i.code: i for i in StockItem.objects.filter(site=site)}
    for code, name, tasks, labour, parts in PLANS:
        planning.create_job_plan(
            actor=demo.users["planner"],
            site=site,
            code=code,
            name=name,
            tasks=tasks,
            labour=[(trades[t], n, h) for t, n, h in labour],
            materials_list=[(items[c], "", q, None) for c, q in parts],
        )
