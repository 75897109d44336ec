"""The work order page's planning and time panels, and the actions they post to.

Each action calls one service and goes back to the work order page; an error is shown
beside the form that caused it, with what was typed still in it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from wrench.accounts.models import User
from wrench.assets.models import Crew, Trade
from wrench.core.errors import DomainError, FieldError, ValidationFailed
from wrench.labor import services as labor
from wrench.labor.models import TimeCharge
from wrench.materials import services as materials
from wrench.materials.models import MaterialLine, StockItem, StockLevel, Storeroom
from wrench.materials.readiness import outstanding
from wrench.planning import services as planning
from wrench.planning.models import JobPlan, LabourEstimate
from wrench.workorders.models import WorkOrder
from wrench.workorders.views.common import message_of, user_of, visible_work_order


def panels(wo: WorkOrder, user: User, *, time: bool = True) -> dict[str, Any]:
    """Context of the planning panel (planners) and the time panel (who charges time)."""
    context: dict[str, Any] = {}
    if user.has_perm("workorders.plan_workorder"):
        lines = list(
            MaterialLine.objects.filter(work_order=wo).select_related(
                "stock_item", "storeroom", "requisition_line__requisition"
            )
        )
        on_hand: dict[Any, Any] = {
            (lv.stock_item_id, lv.storeroom_id): lv.on_hand
            for lv in StockLevel.objects.filter(
                stock_item_id__in={ln.stock_item_id for ln in lines if ln.stock_item_id}
            )
        }
        for ln in lines:
            ln.on_hand = on_hand.get((ln.stock_item_id, ln.storeroom_id))  # type: ignore[attr-defined]
            ln.req = getattr(ln, "requisition_line", None)  # type: ignore[attr-defined]
        context["plan"] = {
            "estimates": LabourEstimate.objects.filter(work_order=wo).select_related(
                "trade", "crew"
            ),
            "lines": lines,
            "outstanding": outstanding(wo.pk),
            "unrequisitioned": any(ln.kind == "direct" and ln.req is None for ln in lines),  # type: ignore[attr-defined]
            "job_plans": JobPlan.objects.filter(site_id=wo.site_id, active=True),
            "used": wo.job_plan_uses.select_related("job_plan"),
            "storerooms": Storeroom.objects.filter(site_id=wo.site_id),
            "stock_items": StockItem.objects.filter(site_id=wo.site_id),
            "trades": Trade.objects.filter(site_id=wo.site_id),
            "crews": Crew.objects.filter(site_id=wo.site_id),
            "plannable": wo.status in materials.PLANNABLE,
        }
    if time and user.has_perm("labor.charge_time"):
        context["time"] = time_context(wo, user)
    return context


def time_context(wo: WorkOrder, user: User) -> dict[str, Any]:
    actuals = labor.actual_vs_estimated(wo)
    return {
        "actuals": actuals,
        "charges": TimeCharge.objects.filter(work_order=wo).select_related("person", "trade"),
        "chargeable": wo.status in labor.CHARGEABLE,
        "trades": Trade.objects.filter(site_id=wo.site_id),
        "default_trade": trade.code if (trade := user.trade or wo.trade) else "",
    }


def _back(wo: WorkOrder, done: str, anchor: str = "planning") -> HttpResponse:
    return redirect(f"{wo.get_absolute_url()}?done={done.replace(' ', '+')}#{anchor}")


def _act(
    request: HttpRequest,
    number: str,
    form: str,
    action: Callable[[WorkOrder, User], str],
    anchor: str = "planning",
) -> HttpResponse:
    """Run `action`; back to the page with its message, or the page with the error at `form`."""
    from wrench.workorders.views.detail import render_page

    wo = visible_work_order(request, number)
    try:
        done = action(wo, user_of(request))
    except DomainError as error:
        typed = {k: str(v) for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        return render_page(request, wo, panel_error={form: message_of(error)}, panel_typed=typed)
    return _back(wo, done, anchor)


def _code(model: Any, wo: WorkOrder, field: str, code: str) -> Any:
    if not code:
        return None
    found = model.objects.filter(site_id=wo.site_id, code=code).first()
    if found is None:
        raise ValidationFailed(f"choose a {field}", errors=[FieldError(field, "not at this site")])
    return found


@login_required
@require_POST
def add_estimate(request: HttpRequest, number: str) -> HttpResponse:
    p = request.POST

    def act(wo: WorkOrder, user: User) -> str:
        trade = _code(Trade, wo, "trade", p.get("trade", ""))
        if trade is None:
            raise ValidationFailed("choose a trade", errors=[FieldError("trade", "required")])
        planning.add_labour_estimate(
            wo,
            actor=user,
            trade=trade,
            hours_each=p.get("hours_each", ""),
            people=p.get("people", "1"),
            crew=_code(Crew, wo, "crew", p.get("crew", "")),
        )
        return "Labour estimate added"

    return _act(request, number, "estimate", act)


@login_required
@require_POST
def remove_estimate(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    def act(wo: WorkOrder, user: User) -> str:
        found = LabourEstimate.objects.filter(work_order=wo, pk=pk).first()
        if found is None:
            raise ValidationFailed("that estimate is gone already")
        planning.remove_labour_estimate(found, actor=user)
        return "Labour estimate removed"

    return _act(request, number, "estimate", act)


@login_required
@require_POST
def apply_plan(request: HttpRequest, number: str) -> HttpResponse:
    p = request.POST

    def act(wo: WorkOrder, user: User) -> str:
        plan = JobPlan.objects.filter(site_id=wo.site_id, code=p.get("job_plan", "")).first()
        if plan is None:
            raise ValidationFailed("choose a job plan", errors=[FieldError("job_plan", "required")])
        store = _code(Storeroom, wo, "storeroom", p.get("storeroom", ""))
        planning.apply_job_plan(wo, actor=user, job_plan=plan, storeroom=store)
        return f"Job plan {plan.code} applied"

    return _act(request, number, "plan", act)


@login_required
@require_POST
def add_material(request: HttpRequest, number: str) -> HttpResponse:
    p = request.POST

    def act(wo: WorkOrder, user: User) -> str:
        item = _code(StockItem, wo, "stock_item", p.get("stock_item", ""))
        line = planning.add_material(
            wo,
            actor=user,
            quantity=p.get("quantity", ""),
            stock_item=item,
            storeroom=_code(Storeroom, wo, "storeroom", p.get("storeroom", "")) if item else None,
            description="" if item else p.get("description", ""),
            unit_cost=None if item else (p.get("unit_cost", "") or "0"),
        )
        return f"Material {line.description} added"

    return _act(request, number, "material", act)


@login_required
@require_POST
def raise_requisition(request: HttpRequest, number: str) -> HttpResponse:
    def act(wo: WorkOrder, user: User) -> str:
        req = materials.raise_requisition(wo, actor=user, note=request.POST.get("note", ""))
        return f"Requisition {req.number} raised"

    return _act(request, number, "requisition", act)


@login_required
@require_POST
def finish(request: HttpRequest, number: str) -> HttpResponse:
    def act(wo: WorkOrder, user: User) -> str:
        moved = planning.finish_planning(wo, actor=user)
        return f"Planning finished: now {moved.status} ({moved.get_status_display()})"

    return _act(request, number, "finish", act)


@login_required
@require_POST
def charge_time(request: HttpRequest, number: str) -> HttpResponse:
    """Time entry from the work order page, or from a card on My work (`view=job`)."""
    p = request.POST

    def act(wo: WorkOrder, user: User) -> str:
        charge = labor.charge_time(
            wo,
            actor=user,
            hours=p.get("hours", "").strip(),
            date=p.get("date", "").strip() or None,
            trade=_code(Trade, wo, "trade", p.get("trade", "")),
        )
        return f"{charge.hours} h charged on {charge.date}"

    if p.get("view") == "job":
        from wrench.workorders.views.lists import my_work_page

        wo = visible_work_order(request, number)
        try:
            done = act(wo, user_of(request))
        except DomainError as error:
            return my_work_page(
                request, errors={number: message_of(error)}, typed={k: str(v) for k, v in p.items()}
            )
        return redirect(f"/my/work/?done={number}:+{done.replace(' ', '+')}")
    return _act(request, number, "time", act, anchor="time")


@login_required
@require_POST
def follow_up(request: HttpRequest, number: str) -> HttpResponse:
    """Raise new work found while doing this job; opens the new work order."""
    from wrench.planning.completion import raise_follow_up
    from wrench.workorders.views.detail import render_page

    wo = visible_work_order(request, number)
    try:
        made = raise_follow_up(
            wo,
            actor=user_of(request),
            title=request.POST.get("title", "").strip(),
            description=request.POST.get("description", "").strip(),
        )
    except DomainError as error:
        typed = {k: str(v) for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        return render_page(
            request, wo, panel_error={"follow": message_of(error)}, panel_typed=typed
        )
    return redirect(f"{made.get_absolute_url()}?done=Follow-up+raised+from+{wo.number}")
