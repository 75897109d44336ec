"""API: planning a work order (labour estimates, job plans, finishing planning) and job plans."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from wrench.accounts.access import user_of
from wrench.assets.models import Crew, Trade
from wrench.core.apiutil import by_code, id_path, required
from wrench.core.errors import FieldError, NotFound, ValidationFailed
from wrench.core.filters import parameters
from wrench.core.paging import MAX_LIMIT, answer_page
from wrench.core.schemas import answers
from wrench.materials.models import Storeroom
from wrench.planning import services
from wrench.planning.filters import JobPlanFilter
from wrench.planning.models import JobPlan, JobPlanMaterial, LabourEstimate
from wrench.planning.schemas import (
    ApplyIn,
    EstimateIn,
    EstimatesOut,
    JobPlanOut,
)
from wrench.workorders import schemas as wo_schemas
from wrench.workorders.access import detail_of, work_order

router = Router(tags=["planning"])


def _estimate(e: LabourEstimate) -> dict[str, Any]:
    return {
        "id": e.pk,
        "trade": e.trade.code,
        "crew": e.crew.code if e.crew else None,
        "people": e.people,
        "hours_each": e.hours_each,
        "hours": e.hours,
        "cost": (e.hours * e.trade.hourly_rate).quantize(Decimal("0.01")),
        "note": e.note,
    }


def _estimates(request: HttpRequest, number: str) -> dict[str, Any]:
    wo = work_order(request, number)
    rows = LabourEstimate.objects.filter(work_order=wo).select_related("trade", "crew")
    return {
        "work_order": wo.number,
        "status": wo.status,
        "estimated_hours": wo.estimated_hours,
        "estimated_cost": wo.estimated_cost,
        "approved_amount": wo.approved_amount,
        "items": [_estimate(e) for e in rows],
    }


@router.get(
    "/work-orders/{number}/labour-estimates", response=answers({200: EstimatesOut}, 401, 404)
)
def estimates(request: HttpRequest, number: str) -> dict[str, Any]:
    """The planned labour and the rolled-up estimate beside the approved amount."""
    return _estimates(request, number)


@router.post("/work-orders/{number}/labour-estimates", response=answers({201: EstimatesOut}))
def add_estimate(request: HttpRequest, number: str, payload: EstimateIn) -> Status[dict[str, Any]]:
    """Plan people of a trade for hours each. The estimate is rolled up; above the approved
    amount plus the site's variance the work goes to WL by itself."""
    wo = work_order(request, number)
    services.add_labour_estimate(
        wo,
        actor=user_of(request),
        trade=required(Trade, wo.site_id, "trade", payload.trade),
        hours_each=payload.hours_each,
        people=payload.people,
        crew=by_code(Crew, wo.site_id, "crew", payload.crew),
        note=payload.note,
    )
    return Status(201, _estimates(request, number))


@router.delete(
    "/work-orders/{number}/labour-estimates/{estimate_id}", response=answers({200: EstimatesOut})
)
def remove_estimate(
    request: HttpRequest, number: str, estimate_id: int = id_path("Labour estimate id")
) -> dict[str, Any]:
    """Remove one labour estimate; the estimate is rolled up again."""
    wo = work_order(request, number)
    found = LabourEstimate.objects.filter(work_order=wo, pk=estimate_id).first()
    if found is None:
        raise NotFound(f"no labour estimate {estimate_id} on {wo.number}")
    services.remove_labour_estimate(found, actor=user_of(request))
    return _estimates(request, number)


def _plan(p: JobPlan) -> dict[str, Any]:
    return {
        "id": p.pk,
        "site": p.site.code,
        "code": p.code,
        "name": p.name,
        "description": p.description,
        "active": p.active,
        "inspection_kind": p.inspection_kind,
        "tasks": [t.text for t in p.tasks.all()],
        "checklist": [
            {"text": c.text, "kind": c.kind, "low": c.low, "high": c.high, "unit": c.unit}
            for c in p.checks.all()
        ],
        "labour": [
            {"trade": lab.trade.code, "people": lab.people, "hours_each": lab.hours_each}
            for lab in p.labour.all()
        ],
        "materials": [
            {
                "stock_item": m.stock_item.code if m.stock_item else None,
                "description": m.description or (m.stock_item.name if m.stock_item else ""),
                "quantity": m.quantity,
                "unit_cost": m.unit_cost if not m.stock_item else m.stock_item.unit_cost,
            }
            for m in p.materials.all()
        ],
    }


def _plans(request: HttpRequest) -> Any:
    return (
        JobPlan.objects.filter(site_id__in=user_of(request).site_ids())
        .select_related("site")
        .prefetch_related(
            "tasks",
            "checks",
            "labour__trade",
            Prefetch("materials", JobPlanMaterial.objects.select_related("stock_item")),
        )
    )


@router.get(
    "/job-plans",
    response=answers({200: list[JobPlanOut]}, 400, 401),
    openapi_extra={"parameters": parameters(JobPlanFilter, default_limit=MAX_LIMIT)},
)
def job_plans(request: HttpRequest, response: HttpResponse) -> list[dict[str, Any]]:
    """Job plans at your sites with their tasks, labour and materials (`active=false`: all).

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = JobPlanFilter.from_query(request.GET)
    qs = flt.apply(_plans(request))
    return [
        _plan(p)
        for p in answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)
    ]


@router.get("/job-plans/{plan_id}", response=answers({200: JobPlanOut}, 401, 404))
def job_plan(request: HttpRequest, plan_id: int = id_path("Job plan id")) -> dict[str, Any]:
    """One job plan."""
    found = _plans(request).filter(pk=plan_id).first()
    if found is None:
        raise NotFound(f"no job plan {plan_id} at your sites")
    return _plan(found)


@router.post("/work-orders/{number}/job-plans", response=answers({201: EstimatesOut}))
def apply(request: HttpRequest, number: str, payload: ApplyIn) -> Status[dict[str, Any]]:
    """Copy a job plan's tasks, labour and materials onto the work order (once per plan)."""
    wo = work_order(request, number)
    plan = JobPlan.objects.filter(site_id=wo.site_id, code=payload.job_plan).first()
    if plan is None:
        raise ValidationFailed(
            f"no job plan {payload.job_plan!r} at {wo.site.code}",
            errors=[FieldError("job_plan", "the code of an active job plan of the site")],
        )
    services.apply_job_plan(
        wo,
        actor=user_of(request),
        job_plan=plan,
        storeroom=by_code(Storeroom, wo.site_id, "storeroom", payload.storeroom),
    )
    return Status(201, _estimates(request, number))


@router.post(
    "/work-orders/{number}/finish-planning", response=answers({200: wo_schemas.WorkOrderOut})
)
def finish(request: HttpRequest, number: str) -> dict[str, Any]:
    """Planning is done: ready (RS) when nothing is outstanding, else WM (by the system)
    until the last material is received and on hand."""
    wo = work_order(request, number)
    services.finish_planning(wo, actor=user_of(request))
    return detail_of(request, number)
