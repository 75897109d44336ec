"""Purchase requisitions (list by status; approve or reject) and receiving (open lines)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from wrench.core.errors import DomainError
from wrench.materials import services
from wrench.materials.api import requisitions_of
from wrench.materials.models import RequisitionLine, RequisitionStatus
from wrench.workorders.views.common import message_of, user_of

PAGE = 100
APPROVE = "materials.approve_requisition"


@login_required
def requisitions(request: HttpRequest, *, error: dict[str, str] | None = None) -> HttpResponse:
    """Planners (who raise them) and approvers (managers) see the requisitions."""
    user = user_of(request)
    if not any(user.has_perm(p) for p in ("materials.plan_material", APPROVE)):
        raise PermissionDenied("purchase requisitions are for planners and approvers")
    status = request.GET.get("status") or request.POST.get("status") or "open"
    if status not in RequisitionStatus.values:
        status = "open"
    rows = list(requisitions_of(user).filter(status=status)[:PAGE])
    for r in rows:
        r.total = sum((ln.quantity * ln.unit_cost for ln in r.lines.all()), 0)
    context: dict[str, Any] = {
        "rows": rows,
        "status": status,
        "statuses": RequisitionStatus.choices,
        "may_decide": user.has_perm(APPROVE),
        "error": error or {},
        "typed": request.POST,
        "notice": request.GET.get("done", ""),
    }
    return render(request, "materials/requisitions.html", context)


def _decide(request: HttpRequest, number: str, approve: bool) -> HttpResponse:
    user = user_of(request)
    req = requisitions_of(user).filter(number=number).first()
    if req is None:
        return requisitions(request, error={number: f"no requisition {number} at your sites"})
    try:
        if approve:
            services.approve_requisition(req, actor=user)
        else:
            services.reject_requisition(req, actor=user, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        return requisitions(request, error={number: message_of(exc)})
    word = "approved" if approve else "rejected"
    return redirect(f"/requisitions/?status=open&done={number}+{word}")


@login_required
@require_POST
def approve(request: HttpRequest, number: str) -> HttpResponse:
    return _decide(request, number, True)


@login_required
@require_POST
def reject(request: HttpRequest, number: str) -> HttpResponse:
    return _decide(request, number, False)


def _open_lines(user: Any) -> Any:
    return (
        RequisitionLine.objects.filter(
            requisition__site_id__in=user.site_ids(),
            requisition__status=RequisitionStatus.APPROVED,
            received__lt=F("quantity"),
        )
        .select_related(
            "requisition", "requisition__work_order", "stock_item", "storeroom", "material_line"
        )
        .order_by("requisition__raised_at", "id")[:PAGE]
    )


@login_required
@permission_required("materials.receive_material", raise_exception=True)
def receiving(request: HttpRequest, *, error: dict[int, str] | None = None) -> HttpResponse:
    context = {
        "lines": _open_lines(user_of(request)),
        "error": error or {},
        "typed": request.POST,
        "notice": request.GET.get("done", ""),
    }
    return render(request, "materials/receiving.html", context)


@login_required
@require_POST
def receive(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    line = (
        RequisitionLine.objects.filter(pk=pk, requisition__site_id__in=user.site_ids())
        .select_related("requisition", "requisition__work_order")
        .first()
    )
    if line is None:
        return receiving(request, error={pk: "no such open line at your sites"})
    try:
        services.receive(line, actor=user, quantity=request.POST.get("quantity", "").strip())
    except DomainError as exc:
        return receiving(request, error={pk: message_of(exc)})
    done = (
        f"Received {request.POST.get('quantity')} {line.description} on {line.requisition.number}"
    )
    wo = line.requisition.work_order
    if wo is not None:
        wo.refresh_from_db(fields=["status"])
        done += f"; {wo.number} is {wo.status} ({wo.get_status_display()})"
    return redirect(f"/receiving/?done={done.replace(' ', '+')}")
