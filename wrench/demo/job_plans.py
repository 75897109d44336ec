"""Demo step: job plans (task lists with labour and parts) for the plant's common jobs, and
the inspection routes (checklists with pass / fail checks and readings with limits)."""

from __future__ import annotations

from typing import Any

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


# code, name, inspection kind (ID by of what it finds), trade, hours, checks
ROUTES: tuple[tuple[str, str, str, str, str, list[dict[str, Any]]], ...] = (
    (
        "JP-ROUND-PUMP",
        "Operator round: pumps",
        "O",
        "OPER",
        "0.5",
        [
            {"text": "Seal not leaking"},
            {"text": "Bearing temperature", "kind": "reading", "low": 10, "high": 80, "unit": "°C"},
            {"text": "Discharge pressure", "kind": "reading", "low": 3, "high": 6, "unit": "bar"},
            {"text": "Coupling guard in place"},
        ],
    ),
    (
        "JP-LUBE-CONV",
        "Lubrication route: conveyors",
        "L",
        "MECH",
        "1",
        [
            {"text": "Gearbox oil level in the sight glass"},
            {"text": "Pulley bearings greased (2 shots each)"},
            {"text": "No grease leaking from seals"},
        ],
    ),
    (
        "JP-VIB-MILL",
        "Vibration route: mill drives",
        "V",
        "INST",
        "1.5",
        [
            {"text": "Motor DE velocity", "kind": "reading", "low": 0, "high": 4.5, "unit": "mm/s"},
            {
                "text": "Motor NDE velocity",
                "kind": "reading",
                "low": 0,
                "high": 4.5,
                "unit": "mm/s",
            },
            {"text": "Gearbox input velocity", "kind": "reading", "high": 7.1, "unit": "mm/s"},
        ],
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
    for code, name, kind, trade, hours, checks in ROUTES:
        planning.create_job_plan(
            actor=demo.users["planner"],
            site=site,
            code=code,
            name=name,
            tasks=["Walk the route; record each check", "Raise what fails (automatic)"],
            labour=[(trades[trade], 1, hours)],
            checks=checks,
            inspection_kind=kind,
        )
