"""Demo step: preventive maintenance with a past. Meters, PM plans of every trigger kind, and
the last 90 days replayed one day at a time, as `wrench tick` would have run them.

Each demo day: the operators read the meters at 06:00, the generator raises what is due
(and floating plans count on from their completions), and the technician completes the PM
work on the day its plan's history says (on time, a day late, a week late; one left open:
overdue). What comes out, relative to today:
- P-401 pump service, fixed every 28 days: three done (on time, +1 day, +6 days: compliant or
  not depending on the grace rule), the next due in 4 days (this week);
- P-203 gland pump round, floating every 14 days: counts from each completion; one round found
  the coupling guard off, which raised its follow-up (PM yield); next due in 2 days;
- P-403 fire water pump test, fixed every 30 days: the last one due a week ago and still open
  (overdue);
- ML-201 SAG mill vibration route every 500 running hours: the meter is 20 h short (near its
  threshold, estimated due tomorrow);
- CV-101 conveyor lubrication every 21 days or 400 h, whichever comes first;
- P-402 intake screen clean every 30 days, only March to October (seasonal);
- CP-401 compressor service every 90 days: its next due date skipped with a reason.
Everything goes through the services the pm pages use; nothing is random, so the demo is the
same on every load of the same day.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from wrench.assets.models import Asset
from wrench.core import clock
from wrench.demo.context import Demo
from wrench.planning import checklists
from wrench.planning.models import ChecklistItem, JobPlan
from wrench.pm import meters as meter_services
from wrench.pm import services
from wrench.pm.generate import follow_completions, generate
from wrench.pm.models import Meter, PmOccurrence, PmPlan
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import transition
from wrench.workorders.status import Status

DAYS = 90
CODING = {"urgency": "#", "action": "SE", "reason": "OP", "timing": "R", "funding": "R"}
INSPECT = {"urgency": "#", "action": "IN", "reason": "OP", "timing": "R", "funding": "R"}

# asset, meter name, first reading, usage per day (repeating pattern)
METERS: list[tuple[str, str, int, list[int]]] = [
    ("ML-201", "Running hours", 41_250, [20, 22, 24]),  # 90 days: 1,980 h
    ("CV-101", "Running hours", 18_400, [16, 20, 18, 22]),
    ("CP-401", "Running hours", 27_800, [12, 14]),
]

# key, asset, title, job plan, fields, coding, completions (days after due, by occurrence;
# "fail": one check failed on that round; past the list: left open)
PLANS: list[tuple[str, str, str, str | None, dict[str, Any], dict[str, str], list[Any]]] = [
    (
        "fixed",
        "P-401",
        "Raw water pump 1: monthly service",
        "JP-ROUND-PUMP",
        {"schedule": "fixed", "interval_days": 28, "first_due": -80, "lead_days": 3},
        CODING,
        [0, 1, 6],
    ),
    (
        "floating",
        "P-203",
        "Gland water pump 1: operator round",
        "JP-ROUND-PUMP",
        {"schedule": "floating", "interval_days": 14, "first_due": -60},
        INSPECT,
        [2, 0, ("fail", 1), 3],
    ),
    (
        "overdue",
        "P-403",
        "Fire water pump: monthly run test",
        "JP-ROUND-PUMP",
        {"schedule": "fixed", "interval_days": 30, "first_due": -37, "priority": 1},
        INSPECT,
        [0],
    ),
    (
        "meter",
        "ML-201",
        "SAG mill 1: vibration route every 500 h",
        "JP-VIB-MILL",
        {"schedule": "fixed", "meter": "ML-201", "meter_interval": 500},
        INSPECT,
        [1, 0, 2],
    ),
    (
        "either",
        "CV-101",
        "Crusher discharge conveyor: lubrication, 21 days or 400 h",
        "JP-LUBE-CONV",
        {"schedule": "fixed", "interval_days": 21, "meter": "CV-101", "meter_interval": 400},
        CODING,
        [0, 0, 1, 0, 2],
    ),
    (
        "seasonal",
        "P-402",
        "Raw water pump 2: intake screen clean (March to October)",
        None,
        {"schedule": "fixed", "interval_days": 30, "first_due": 20, "season": (3, 10)},
        CODING,
        [],
    ),
    (
        "skipped",
        "CP-401",
        "Plant air compressor 1: 90-day service",
        None,
        {"schedule": "fixed", "interval_days": 90, "first_due": 10, "meter": "CP-401"},
        CODING,
        [],
    ),
]
SKIP_REASON = "Compressor 1 is out for its overhaul until January; the overhaul covers it"
FINDING = "Coupling guard left off after the last job"


def load(demo: Demo) -> None:
    now = clock.now()
    today = now.date()
    start = today - dt.timedelta(days=DAYS)
    assets = {a.code: a for a in Asset.objects.filter(site=demo.site)}
    if any(code not in assets for code, *_ in METERS) or any(p[1] not in assets for p in PLANS):
        return  # a trimmed plant (tests): no PM history
    with clock.travel_to(dt.datetime.combine(start, dt.time(6), tzinfo=now.tzinfo)):
        meters = {code: _meter(demo, assets[code], name, first) for code, name, first, _ in METERS}
        plans = {p[0]: _plan(demo, p, assets, meters, today) for p in PLANS}
    finish: dict[int, tuple[dt.date, Any]] = {}  # work order id → when, how
    for day_number in range(1, DAYS + 1):
        day = start + dt.timedelta(days=day_number)
        with clock.travel_to(dt.datetime.combine(day, dt.time(6), tzinfo=now.tzinfo)):
            _read_meters(demo, meters, day_number)
            follow_completions(site=demo.site)
            got = generate(site=demo.site, today=day)
            if got.failed:  # the demo's plans are all valid: a failure is a bug to see
                raise RuntimeError(f"demo PM generation failed on {day}: {got.failed}")
            _plan_completions(plans, finish)
        with clock.travel_to(dt.datetime.combine(day, dt.time(14), tzinfo=now.tzinfo)):
            for wo_id, (when, how) in list(finish.items()):
                if when == day:
                    _complete(demo, WorkOrder.objects.get(pk=wo_id), how)
                    del finish[wo_id]
    with clock.travel_to(now):
        follow_completions(site=demo.site)
        services.skip_next(plans["skipped"], actor=demo.users["planner"], reason=SKIP_REASON)
    demo.say(
        f"PM: {len(plans)} plans, {PmOccurrence.objects.filter(site=demo.site).count()} "
        "occurrences over the last 90 days."
    )


def _meter(demo: Demo, asset: Asset, name: str, first: int) -> Meter:
    meter = meter_services.create_meter(
        actor=demo.users["planner"], asset=asset, name=name, unit="h"
    )
    meter_services.record_reading(
        meter, actor=demo.users["technician"], value=first, note="Meter set up"
    )
    return meter


def _plan(
    demo: Demo,
    spec: tuple[str, str, str, str | None, dict[str, Any], dict[str, str], list[Any]],
    assets: dict[str, Asset],
    meters: dict[str, Meter],
    today: dt.date,
) -> PmPlan:
    _key, code, title, job_plan, fields, coding, _done = spec
    data: dict[str, Any] = {k: v for k, v in fields.items() if k not in ("meter", "season")}
    if "first_due" in data:
        data["first_due"] = today + dt.timedelta(days=data["first_due"])
    if "meter" in fields:
        data["meter"] = meters[fields["meter"]]
        data.setdefault("meter_interval", 1000)
    if "season" in fields:
        data["season_from"], data["season_to"] = fields["season"]
    if job_plan:
        data["job_plan"] = JobPlan.objects.get(site=demo.site, code=job_plan)
        data["enters"] = "RS"
    return services.create_plan(
        actor=demo.users["planner"],
        site=demo.site,
        asset=assets[code],
        coding=coding,
        title=title,
        description=f"{title}: the plan's job plan and checks.",
        **data,
    )


def _read_meters(demo: Demo, meters: dict[str, Meter], day_number: int) -> None:
    for code, _name, _first, pattern in METERS:
        meter = meters[code]
        value = (meter.last_value or Decimal(0)) + pattern[day_number % len(pattern)]
        meter_services.record_reading(meter, actor=demo.users["technician"], value=value)


def _plan_completions(plans: dict[str, PmPlan], finish: dict[int, tuple[dt.date, Any]]) -> None:
    """Give each newly raised PM work order the day it will be completed (or none: open)."""
    done_by_plan = {plan.pk: spec[6] for spec, plan in zip(PLANS, plans.values(), strict=True)}
    raised = PmOccurrence.objects.filter(
        plan_id__in=done_by_plan, work_order__status=Status.RS, work_order__completed_at=None
    ).select_related("work_order")
    for occ in raised:
        done = done_by_plan[occ.plan_id]
        if (
            occ.work_order_id is None
            or occ.work_order_id in finish
            or occ.seq > len(done)
            or occ.due_on is None
        ):
            continue
        how = done[occ.seq - 1]
        late = how[1] if isinstance(how, tuple) else how
        finish[occ.work_order_id] = (occ.due_on + dt.timedelta(days=late), how)


def _complete(demo: Demo, wo: WorkOrder, how: Any) -> None:
    tech = demo.users["technician"]
    # started by the technician (the demo technician's days are already full of charged
    # hours from the reports step, so no time is charged here)
    wo = transition(wo, Status.IP, actor=tech)
    failing = isinstance(how, tuple)
    for item in ChecklistItem.objects.filter(work_order=wo).order_by("number"):
        if item.kind == "reading":
            low, high = item.low or Decimal(0), item.high or Decimal(0)
            value = (low + high) / 2 if item.high is not None else low
            checklists.record_result(wo, actor=tech, number=item.number, result=None, value=value)
        else:
            fail = failing and item.text == "Coupling guard in place"
            checklists.record_result(
                wo,
                actor=tech,
                number=item.number,
                result="fail" if fail else "pass",
                note=FINDING if fail else "",
            )
    transition(
        WorkOrder.objects.get(pk=wo.pk),
        Status.CO,
        actor=tech,
        findings="PM done as planned." if not failing else f"PM done; {FINDING.lower()}.",
    )
