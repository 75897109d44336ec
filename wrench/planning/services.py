"""Planning a work order: labour estimates, job plans copied onto it, the rolled-up estimate.

Keyword-only, explicit actor, one transaction, the work order row locked. Every change
rolls the estimate up (planning/estimate.py), which sends work in planning past the
allowed variance to WL automatically.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction

from wrench.accounts.models import User
from wrench.assets.models import Crew, EquipmentType, Site, Trade
from wrench.core import clock
from wrench.core.errors import Conflict, FieldError, NotAllowed, ValidationFailed
from wrench.materials import services as materials
from wrench.materials.models import MaterialLine, StockItem, Storeroom
from wrench.materials.services import PLANNABLE, parse_amount
from wrench.planning import checklists
from wrench.planning.checklists import CheckSpec
from wrench.planning.estimate import roll_up
from wrench.planning.models import (
    JobPlan,
    JobPlanLabour,
    JobPlanMaterial,
    JobPlanTask,
    JobPlanUse,
    LabourEstimate,
    WorkTask,
)
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import check_site

MAX_HOURS_EACH = Decimal("500")
MAX_PEOPLE = 200


def _may_plan(actor: User) -> None:
    if not actor.has_perm("workorders.plan_workorder"):
        raise NotAllowed(f"planning work needs the planner role; you are {actor.role_label}")


def _lock(work_order: WorkOrder) -> WorkOrder:
    wo = WorkOrder.objects.locked(work_order.pk)
    if wo.status not in PLANNABLE:
        raise Conflict(
            f"{wo.number} is {wo.status} ({wo.get_status_display()}); planning is allowed in "
            f"{', '.join(PLANNABLE)}",
            status=wo.status,
        )
    return wo


def _people(raw: Any) -> int:
    if isinstance(raw, bool) or not str(raw).isdigit() or not 1 <= int(raw) <= MAX_PEOPLE:
        raise ValidationFailed(
            f"people {raw!r} is not allowed",
            errors=[FieldError("people", f"a whole number from 1 to {MAX_PEOPLE}; got {raw}")],
        )
    return int(raw)


def add_labour_estimate(
    work_order: WorkOrder,
    *,
    actor: User,
    trade: Trade,
    hours_each: Any,
    people: Any = 1,
    crew: Crew | None = None,
    note: str = "",
) -> LabourEstimate:
    """Plan `people` of `trade` for `hours_each` hours; the estimate is rolled up."""
    check_site(actor, work_order.site_id)
    _may_plan(actor)
    hours = parse_amount("hours_each", hours_each, limit=MAX_HOURS_EACH)
    count = _people(people)
    for name, obj in (("trade", trade), ("crew", crew)):
        if obj is not None and obj.site_id != work_order.site_id:
            raise ValidationFailed(
                f"the {name} is not at this site",
                errors=[FieldError(name, f"{obj.code} belongs to another site")],
            )
    with transaction.atomic():
        wo = _lock(work_order)
        estimate = LabourEstimate.objects.create(
            site_id=wo.site_id,
            work_order=wo,
            trade=trade,
            crew=crew,
            people=count,
            hours_each=hours,
            note=note[:200],
        )
        roll_up(wo, actor=actor, cause=f"labour estimate {count} × {trade.code} × {hours} h added")
    return estimate


def remove_labour_estimate(estimate: LabourEstimate, *, actor: User) -> WorkOrder:
    check_site(actor, estimate.site_id)
    _may_plan(actor)
    with transaction.atomic():
        wo = _lock(estimate.work_order)
        LabourEstimate.objects.filter(pk=estimate.pk).delete()
        return roll_up(wo, actor=actor, cause=f"labour estimate {estimate.trade.code} removed")


def apply_job_plan(
    work_order: WorkOrder, *, actor: User, job_plan: JobPlan, storeroom: Storeroom | None = None
) -> JobPlanUse:
    """Copy a job plan's tasks, checklist, labour and materials onto the work order (once
    per plan).

    Stock materials are reserved from `storeroom` (required when the plan has any).
    """
    check_site(actor, work_order.site_id)
    _may_plan(actor)
    if job_plan.site_id != work_order.site_id or not job_plan.active:
        raise ValidationFailed(
            "that job plan cannot be used here",
            errors=[FieldError("job_plan", f"{job_plan.code} is inactive or at another site")],
        )
    materials_needed = list(job_plan.materials.select_related("stock_item"))
    if any(m.stock_item_id for m in materials_needed) and storeroom is None:
        raise ValidationFailed(
            "choose the storeroom to reserve the plan's stock from",
            errors=[FieldError("storeroom", "required: the plan reserves stock items")],
        )
    with transaction.atomic():
        wo = _lock(work_order)
        if JobPlanUse.objects.filter(work_order=wo, job_plan=job_plan).exists():
            raise Conflict(f"{job_plan.code} is already on {wo.number}", status=wo.status)
        use = JobPlanUse.objects.create(
            site_id=wo.site_id,
            work_order=wo,
            job_plan=job_plan,
            applied_by=actor,
            applied_at=clock.now(),
        )
        start = WorkTask.objects.filter(work_order=wo).count()
        WorkTask.objects.bulk_create(
            WorkTask(site_id=wo.site_id, work_order=wo, position=(start + i) * 10, text=t.text)
            for i, t in enumerate(job_plan.tasks.all(), start=1)
        )
        checklists.copy_checks(wo, job_plan)
        LabourEstimate.objects.bulk_create(
            LabourEstimate(
                site_id=wo.site_id,
                work_order=wo,
                trade_id=lab.trade_id,
                people=lab.people,
                hours_each=lab.hours_each,
                note=f"from job plan {job_plan.code}",
            )
            for lab in job_plan.labour.all()
        )
        for m in materials_needed:
            materials.add_material(
                wo,
                actor=actor,
                quantity=m.quantity,
                stock_item=m.stock_item,
                storeroom=storeroom if m.stock_item else None,
                description=m.description,
                unit_cost=None if m.stock_item else m.unit_cost,
            )
        roll_up(wo, actor=actor, cause=f"job plan {job_plan.code} applied")
    return use


def add_material(
    work_order: WorkOrder,
    *,
    actor: User,
    quantity: Any,
    stock_item: StockItem | None = None,
    storeroom: Storeroom | None = None,
    description: str = "",
    unit: str = "EA",
    unit_cost: Any = None,
) -> MaterialLine:
    """Plan material onto the work order: a stock reservation (stock_item + storeroom) or a
    direct purchase (description), as materials.add_material checks and writes it; the
    estimate is rolled up at once in the same transaction, which may send work in planning
    to WL."""
    with transaction.atomic():
        line = materials.add_material(
            work_order,
            actor=actor,
            quantity=quantity,
            stock_item=stock_item,
            storeroom=storeroom,
            description=description,
            unit=unit,
            unit_cost=unit_cost,
        )
        roll_up(line.work_order, actor=actor, cause=f"material {line.description} added")
    return line


def finish_planning(work_order: WorkOrder, *, actor: User) -> WorkOrder:
    """The planner is done planning. Nothing outstanding: the planner makes it ready (RS).
    Material outstanding: the system moves it to WM naming what is outstanding; it goes on
    to RS by itself when the last of it is received and on hand.
    """
    from wrench.materials.readiness import outstanding
    from wrench.workorders.services import SYSTEM, transition
    from wrench.workorders.status import Status

    check_site(actor, work_order.site_id)
    _may_plan(actor)
    with transaction.atomic():
        wo = WorkOrder.objects.locked(work_order.pk)
        missing = outstanding(wo.pk)
        if not missing or wo.status not in (Status.BL, Status.PL):
            return transition(wo, Status.RS, actor=actor)  # refuses clearly when it cannot
        if wo.status == Status.BL:
            wo = transition(wo, Status.PL, actor=actor, reason="planning finished")
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        return transition(
            wo,
            Status.WM,
            actor=SYSTEM,
            reason=f"planning finished by {actor.username}; material outstanding: {missing[0]}{more}",
        )


def create_job_plan(
    *,
    actor: User,
    site: Site,
    code: str,
    name: str,
    tasks: list[str],
    labour: list[tuple[Trade, int, Any]] = (),  # type: ignore[assignment]
    materials_list: list[tuple[StockItem | None, str, Any, Any]] = (),  # type: ignore[assignment]
    equipment_type: EquipmentType | None = None,
    description: str = "",
    checks: Sequence[CheckSpec | Mapping[str, Any]] = (),
    inspection_kind: str = "",
) -> JobPlan:
    """A reusable plan: task texts, labour [(trade, people, hours each)], materials
    [(stock item or None, description, quantity, unit cost)] and checks (CheckSpec or its
    fields); an inspection names its kind (O, M, L, V, N), the ID by of what it finds."""
    check_site(actor, site.pk)
    if not actor.has_perm("planning.manage_jobplans"):
        raise NotAllowed(f"writing job plans needs the planner role; you are {actor.role_label}")
    errors = []
    if not code.strip() or not name.strip():
        errors.append(FieldError("code", "a job plan needs a code and a name"))
    if JobPlan.objects.filter(site=site, code=code).exists():
        errors.append(FieldError("code", f"{site.code} already has a job plan {code}"))
    if errors:
        raise ValidationFailed.collect(errors, "the job plan")
    check_specs = checklists.check_rows(checks, inspection_kind)
    labour_rows = [
        (t, _people(p), parse_amount("hours_each", h, limit=MAX_HOURS_EACH)) for t, p, h in labour
    ]
    material_rows = [
        (
            item,
            desc,
            parse_amount("quantity", q, limit=materials.MAX_QUANTITY),
            Decimal(str(cost or 0)),
        )
        for item, desc, q, cost in materials_list
    ]
    with transaction.atomic():
        plan = JobPlan.objects.create(
            site=site,
            code=code.strip(),
            name=name.strip(),
            description=description,
            equipment_type=equipment_type,
            inspection_kind=inspection_kind,
        )
        checklists.add_plan_checks(plan, check_specs)
        for i, text in enumerate(tasks, start=1):
            JobPlanTask.objects.create(job_plan=plan, position=i * 10, text=text[:300])
        for trade, people, hours in labour_rows:
            JobPlanLabour.objects.create(
                job_plan=plan, trade=trade, people=people, hours_each=hours
            )
        for item, desc, qty, cost in material_rows:
            JobPlanMaterial.objects.create(
                job_plan=plan, stock_item=item, description=desc, quantity=qty, unit_cost=cost
            )
    return plan
