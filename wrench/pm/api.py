"""API: PM plans, meters and readings. Handlers read input and call the services."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from wrench.accounts.access import site_of, user_of
from wrench.assets.models import Asset
from wrench.core.apiutil import by_code, id_path, required
from wrench.core.errors import NotFound
from wrench.core.filters import parameters
from wrench.core.paging import announce_next, request_page
from wrench.core.schemas import answers
from wrench.materials.models import Storeroom
from wrench.planning.models import JobPlan
from wrench.pm import forecast, meters, schemas, services
from wrench.pm.filters import MeterFilter, PlanFilter
from wrench.pm.generate import CODED
from wrench.pm.models import Meter, PmPlan

router = Router(tags=["preventive maintenance"])
PLAN_RELATED = ("site", "asset", "meter", "job_plan", "storeroom", *CODED)


def _plan(request: HttpRequest, plan_id: int) -> PmPlan:
    found = (
        PmPlan.objects.visible_to(user_of(request))
        .select_related(*PLAN_RELATED)
        .filter(pk=plan_id)
        .first()
    )
    if found is None:
        raise NotFound(f"no PM plan {plan_id} at your sites")
    return found


def _meter(request: HttpRequest, meter_id: int) -> Meter:
    user = user_of(request)
    found = (
        Meter.objects.filter(site_id__in=user.site_ids(), pk=meter_id)
        .select_related("site", "asset")
        .first()
    )
    if found is None:
        raise NotFound(f"no meter {meter_id} at your sites")
    return found


def _fields(
    site_id: int, payload: schemas.PlanFields
) -> tuple[dict[str, Any], dict[str, str] | None]:
    data = payload.model_dump(exclude_unset=True, exclude={"site", "asset", "coding"})
    if "meter" in data:
        data["meter"] = services.meter_for(site_id, data["meter"])
    if "job_plan" in data:
        data["job_plan"] = by_code(JobPlan, site_id, "job_plan", data["job_plan"])
    if "storeroom" in data:
        data["storeroom"] = by_code(Storeroom, site_id, "storeroom", data["storeroom"])
    coding = None
    if payload.coding is not None:
        coding = {k: v for k, v in payload.coding.model_dump(exclude_unset=True).items()}
    return data, coding


@router.post("/pm-plans", response=answers({201: schemas.PlanOut}))
def create_plan(request: HttpRequest, payload: schemas.PlanIn) -> Status[dict[str, Any]]:
    """A PM plan on an asset: by time (`interval_days`, fixed or floating), by meter (`meter`
    and `meter_interval`), or both (whichever comes first). `coding` codes the work it raises
    (initiated_by is set by the trigger: T time, H meter)."""
    site = site_of(request, payload.site)
    asset = required(Asset, site.pk, "asset", payload.asset)
    data, coding = _fields(site.pk, payload)
    plan = services.create_plan(
        actor=user_of(request), site=site, asset=asset, coding=coding, **data
    )
    return Status(201, schemas.plan_out(_plan(request, plan.pk)))


@router.get(
    "/pm-plans",
    response=answers({200: list[schemas.PlanOut]}, 400, 401),
    openapi_extra={"parameters": parameters(PlanFilter)},
)
def list_plans(request: HttpRequest, response: HttpResponse) -> list[dict[str, Any]]:
    """PM plans at your sites. Paged by cursor (`X-Next-Cursor` and `Link` headers)."""
    flt = PlanFilter.from_query(request.GET)
    qs = PmPlan.objects.visible_to(user_of(request)).select_related(*PLAN_RELATED)
    got = request_page(flt.apply(qs), flt.ordering(), request.GET)
    announce_next(request, response, got.next_cursor)
    return [schemas.plan_out(p) for p in got.items]


@router.get("/pm-plans/{plan_id}", response=answers({200: schemas.PlanOut}, 401, 404))
def get_plan(request: HttpRequest, plan_id: int = id_path("PM plan id")) -> dict[str, Any]:
    """One PM plan, with its next due date (the earlier of time and the meter's estimate)."""
    return schemas.plan_out(_plan(request, plan_id))


@router.patch("/pm-plans/{plan_id}", response=answers({200: schemas.PlanOut}))
def patch_plan(
    request: HttpRequest, payload: schemas.PlanFields, plan_id: int = id_path("PM plan id")
) -> dict[str, Any]:
    """Change the plan; a new interval or first due date re-dates the next occurrence."""
    plan = _plan(request, plan_id)
    data, coding = _fields(plan.site_id, payload)
    services.update_plan(plan, actor=user_of(request), coding=coding, **data)
    return schemas.plan_out(_plan(request, plan_id))


@router.post("/pm-plans/{plan_id}/pause", response=answers({200: schemas.PlanOut}))
def pause(
    request: HttpRequest, payload: schemas.ReasonIn, plan_id: int = id_path("PM plan id")
) -> dict[str, Any]:
    """Stop raising work (409 when already paused)."""
    services.pause_plan(_plan(request, plan_id), actor=user_of(request), reason=payload.reason)
    return schemas.plan_out(_plan(request, plan_id))


@router.post("/pm-plans/{plan_id}/resume", response=answers({200: schemas.PlanOut}))
def resume(request: HttpRequest, plan_id: int = id_path("PM plan id")) -> dict[str, Any]:
    """Raise work again (409 when active)."""
    services.resume_plan(_plan(request, plan_id), actor=user_of(request))
    return schemas.plan_out(_plan(request, plan_id))


@router.post("/pm-plans/{plan_id}/skip", response=answers({200: schemas.PlanOut}))
def skip(
    request: HttpRequest, payload: schemas.ReasonIn, plan_id: int = id_path("PM plan id")
) -> dict[str, Any]:
    """Skip the next due occurrence with a reason; the plan counts on from it."""
    services.skip_next(_plan(request, plan_id), actor=user_of(request), reason=payload.reason)
    return schemas.plan_out(_plan(request, plan_id))


@router.post("/meters", response=answers({201: schemas.MeterOut}))
def create_meter(request: HttpRequest, payload: schemas.MeterIn) -> Status[dict[str, Any]]:
    """A meter on an asset (an hour meter advances at most 24 h a day unless told)."""
    site = site_of(request, payload.site)
    asset = required(Asset, site.pk, "asset", payload.asset)
    made = meters.create_meter(
        actor=user_of(request),
        asset=asset,
        name=payload.name,
        unit=payload.unit,
        max_per_day=payload.max_per_day,
        rollover_at=payload.rollover_at,
    )
    return Status(201, schemas.meter_out(_meter(request, made.pk)))


@router.get(
    "/meters",
    response=answers({200: list[schemas.MeterOut]}, 400, 401),
    openapi_extra={"parameters": parameters(MeterFilter)},
)
def list_meters(request: HttpRequest, response: HttpResponse) -> list[dict[str, Any]]:
    """Meters at your sites. Paged by cursor (`X-Next-Cursor` and `Link` headers)."""
    flt = MeterFilter.from_query(request.GET)
    user = user_of(request)
    qs = Meter.objects.filter(site_id__in=user.site_ids()).select_related("site", "asset")
    got = request_page(flt.apply(qs), flt.ordering(), request.GET)
    announce_next(request, response, got.next_cursor)
    return [schemas.meter_out(m) for m in got.items]


@router.get("/meters/{meter_id}", response=answers({200: schemas.MeterOut}, 401, 404))
def get_meter(request: HttpRequest, meter_id: int = id_path("Meter id")) -> dict[str, Any]:
    return schemas.meter_out(_meter(request, meter_id))


@router.post("/meters/{meter_id}/readings", response=answers({201: schemas.ReadingOut}))
def add_reading(
    request: HttpRequest, payload: schemas.ReadingIn, meter_id: int = id_path("Meter id")
) -> Status[dict[str, Any]]:
    """Record what the meter shows. 400 saying why when it goes backwards (declare
    `kind: rollover` or `replacement` if it did), is older than the last reading, or jumps
    beyond what the meter can plausibly do."""
    reading = meters.record_reading(
        _meter(request, meter_id),
        actor=user_of(request),
        value=payload.value,
        at=payload.at,
        kind=payload.kind,
        note=payload.note,
    )
    return Status(201, schemas.reading_out(reading))


@router.get("/pm-forecast", response=answers({200: schemas.ForecastOut}, 400, 401, 404))
def pm_forecast(
    request: HttpRequest,
    site: str | None = Query(None, max_length=40),
    weeks: int = Query(12, ge=1, le=52),
) -> dict[str, Any]:
    """The PM load of the coming weeks (from this Monday) by week and trade, worked out from
    the active plans without raising any work order. Hours come from each plan's job plan;
    plans without one are counted in `without_job_plan`. Job plans name no crew: `crew` is
    null and the scheduler shares the hours among the trade's crews."""
    return forecast.weekly(site_of(request, site), weeks)
