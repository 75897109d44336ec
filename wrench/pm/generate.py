"""Raising the work of due PM plans: one work order per due occurrence, never two.

`generate(site=…, today=…)` checks every active plan of the site and raises what is due.
Each plan is raised in its own transaction, with the plan's row locked and its state read
again under the lock, and the occurrence row is unique per (plan, seq): running it twice,
or two generators at once, raises nothing twice. A plan missed for months raises one work
order for its oldest due date and moves on past today.

The work order goes through the work order services like any other: entered (WR) with
the plan's coding and initiated_by T (time) or H (meter), moved to the backlog by the
system (the lifecycle table lets the system approve work it generated, at the estimate of
the plan's job plan, copied onto it first), and moved on to RS when the plan says so and nothing is outstanding (to WM when
material is).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction

from wrench.assets.models import Site
from wrench.coding.models import BUILTIN_KEYS
from wrench.core import clock
from wrench.core.errors import DomainError
from wrench.materials.readiness import outstanding
from wrench.planning.services import apply_job_plan
from wrench.pm import due as dues
from wrench.pm.models import Enters, OccurrenceState, PmOccurrence, PmPlan, Schedule
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import SYSTEM, create_work_order, transition
from wrench.workorders.status import Status

log = logging.getLogger(__name__)
CODED = [k for k in BUILTIN_KEYS if k != "initiated_by"]


@dataclass
class Generated:
    checked: int = 0
    raised: list[str] = field(default_factory=list)  # work order numbers
    failed: dict[int, str] = field(default_factory=dict)  # plan id → why


def generate(*, site: Site, today: dt.date | None = None) -> Generated:
    """Check every active plan of `site` and raise the work that is due (see module doc)."""
    today = today or clock.now().date()
    result = Generated()
    plans = PmPlan.objects.filter(site=site, active=True).select_related("meter").order_by("id")
    due_ids = []
    for plan in plans.iterator(chunk_size=2000):
        result.checked += 1
        if dues.due_now(plan, today) is not None:
            due_ids.append(plan.pk)
    for plan_id in due_ids:
        try:
            number = raise_due(plan_id, today=today)
        except DomainError as exc:
            result.failed[plan_id] = exc.detail
            PmPlan.objects.filter(pk=plan_id).update(last_error=exc.detail[:2000])
            log.warning("PM plan %s not raised: %s", plan_id, exc.detail)
            continue
        if number:
            result.raised.append(number)
    return result


def raise_due(plan_id: int, *, today: dt.date) -> str | None:
    """Raise the plan's due occurrence if it is still due under the row lock; its work
    order's number, or None when there was nothing (left) to raise."""
    try:
        with transaction.atomic():
            plan = (
                PmPlan.objects.select_for_update(of=("self",))
                .select_related("meter", "site")
                .get(pk=plan_id)
            )
            found = dues.due_now(plan, today)
            if found is None:
                return None
            wo = _raise(plan, found, today)
            return wo.number
    except IntegrityError:
        # Another generator raised this occurrence between our read and our write: the
        # unique (plan, seq) key refused the copy and everything of ours was rolled back.
        return None


def _raise(plan: PmPlan, found: dues.Due, today: dt.date) -> WorkOrder:
    missed = _advance(plan, found, today)
    codes = {k: getattr(plan, k).abbreviation for k in CODED if getattr(plan, f"{k}_id")}
    codes["initiated_by"] = found.trigger
    note = (
        f"\n\n{missed} earlier due date(s) were missed and are covered by this work."
        if missed
        else ""
    )
    wo = create_work_order(
        actor=SYSTEM,
        site=plan.site,
        requester=plan.owner,
        codes=codes,
        title=plan.title[:200],
        description=(plan.description or plan.title) + note,
        asset=plan.asset,
        needed_by=found.due_on,
        priority=plan.priority,
    )
    plan.occurrences_made += 1
    PmOccurrence.objects.create(
        site_id=plan.site_id,
        plan=plan,
        seq=plan.occurrences_made,
        state=OccurrenceState.RAISED,
        trigger=found.trigger,
        due_on=found.due_on,
        due_reading=found.reading,
        interval_days=plan.interval_days,
        work_order=wo,
        reason=f"{missed} earlier due date(s) missed" if missed else "",
        at=clock.now(),
    )
    why = f"PM plan {plan.pk} due {found.due_on} ({'time' if found.trigger == 'T' else 'meter'})"
    if plan.job_plan is not None:
        # Planned while a request: entering the backlog then approves the job plan's estimate.
        apply_job_plan(wo, actor=plan.owner, job_plan=plan.job_plan, storeroom=plan.storeroom)
        wo = WorkOrder.objects.locked(wo.pk)
    wo = transition(wo, Status.BL, actor=SYSTEM, reason=why)
    if plan.enters == Enters.RS:
        wo = WorkOrder.objects.locked(wo.pk)
        if outstanding(wo.pk):
            wo = transition(wo, Status.PL, actor=SYSTEM, reason=f"{why}: planned from its job plan")
            wo = transition(wo, Status.WM, actor=SYSTEM, reason="material outstanding")
        else:
            wo = transition(wo, Status.RS, actor=SYSTEM, reason=f"{why}: nothing outstanding")
    plan.last_error = ""
    plan.save(update_fields=["next_due", "next_meter_due", "occurrences_made", "last_error"])
    return wo


def _advance(plan: PmPlan, found: dues.Due, today: dt.date) -> int:
    """Move the plan's triggers on past the occurrence just raised; the due dates missed."""
    missed = 0
    if plan.schedule == Schedule.FLOATING:
        # Counts again from the completion of this work (see follow_completions).
        plan.next_due = None
        plan.next_meter_due = None
        return 0
    if plan.interval_days:
        if found.trigger == "T":
            plan.next_due, missed = dues.step_past(
                found.due_on, plan.interval_days, today, plan.lead_days
            )
        else:
            plan.next_due = today + dt.timedelta(days=plan.interval_days)
    if plan.meter is not None and plan.meter_interval:
        total = plan.meter.total
        if found.trigger == "H" and plan.next_meter_due is not None:
            nxt = plan.next_meter_due + plan.meter_interval
            while nxt <= total:
                nxt += plan.meter_interval
            plan.next_meter_due = nxt
        else:
            plan.next_meter_due = total + plan.meter_interval
    return missed


def follow_completions(*, site: Site) -> int:
    """Floating plans count from the completion of their last work: give each plan whose
    last work is now complete (CO/CL) or cancelled its next due date and meter total.
    Idempotent: a plan that has its next due already is left alone. Returns how many moved."""
    waiting = PmPlan.objects.filter(
        site=site, schedule=Schedule.FLOATING, next_due__isnull=True, next_meter_due__isnull=True
    ).select_related("meter")
    moved = 0
    for plan in waiting:
        last = (
            PmOccurrence.objects.filter(plan=plan)
            .select_related("work_order")
            .order_by("-seq")
            .first()
        )
        if last is None:
            continue
        wo = last.work_order
        if last.state == OccurrenceState.SKIPPED or wo is None:
            done = last.at.date()
        elif wo.status in (Status.CO, Status.CL) and wo.completed_at:
            done = wo.completed_at.date()
        elif wo.status == Status.CA:
            done = wo.status_changed_at.date()
        else:
            continue
        with transaction.atomic():
            locked = (
                PmPlan.objects.select_for_update(of=("self",))
                .select_related("meter")
                .get(pk=plan.pk)
            )
            if locked.next_due is not None or locked.next_meter_due is not None:
                continue
            if locked.interval_days:
                locked.next_due = done + dt.timedelta(days=locked.interval_days)
            if locked.meter_id and locked.meter_interval:
                locked.next_meter_due = _total_at(locked, wo) + locked.meter_interval
            locked.save(update_fields=["next_due", "next_meter_due"])
            moved += 1
    return moved


def _total_at(plan: PmPlan, wo: WorkOrder | None) -> Decimal:
    from wrench.pm.models import MeterReading

    assert plan.meter is not None
    if wo is not None and wo.completed_at:
        found = (
            MeterReading.objects.filter(meter=plan.meter, at__lte=wo.completed_at)
            .order_by("-at", "-id")
            .values_list("total", flat=True)
            .first()
        )
        if found is not None:
            return Decimal(found)
    return plan.meter.total
