"""API: approval routing rules (admin), what waits for me, and the approver's decisions.

Approving and rejecting here is the same as `POST /work-orders/{number}/transition` with
`to` BL/PL/RJ (both go through the lifecycle and the routing listener); these endpoints
name the action and default the approved amount to the estimate.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from wrench.accounts.access import person, site_of, user_of
from wrench.approvals import services
from wrench.approvals.filters import RuleFilter, WaitingFilter
from wrench.approvals.models import ApprovalRule
from wrench.approvals.schemas import (
    ApproveIn,
    RejectIn,
    RuleIn,
    RuleOut,
    WaitingOut,
)
from wrench.assets.models import CostCentre
from wrench.core.apiutil import by_code
from wrench.core.errors import NotAllowed
from wrench.core.filters import parameters
from wrench.core.paging import MAX_LIMIT, answer_page
from wrench.core.schemas import answers
from wrench.workorders import schemas as wo_schemas
from wrench.workorders.access import detail_of, work_order

router = Router(tags=["approvals"])


def _rule(r: ApprovalRule) -> dict[str, Any]:
    return {
        "id": r.pk,
        "site": r.site.code,
        "cost_centre": r.cost_centre.code if r.cost_centre else None,
        "min_amount": r.min_amount,
        "max_amount": r.max_amount,
        "approver_role": r.approver_role,
        "approver": r.approver.username if r.approver else None,
        "active": r.active,
    }


def _admin(request: HttpRequest) -> None:
    user = user_of(request)
    if not user.has_perm("approvals.view_approvalrule"):
        raise NotAllowed(f"approval rules are kept by an admin; you are {user.role_label}")


@router.get(
    "/approval-rules",
    response=answers({200: list[RuleOut]}, 400, 401, 403),
    openapi_extra={"parameters": parameters(RuleFilter, default_limit=MAX_LIMIT)},
)
def rules(request: HttpRequest, response: HttpResponse) -> list[dict[str, Any]]:
    """Approval routing rules at your sites (admin).

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    _admin(request)
    flt = RuleFilter.from_query(request.GET)
    qs = ApprovalRule.objects.filter(site_id__in=user_of(request).site_ids()).select_related(
        "site", "cost_centre", "approver"
    )
    rows = answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)
    return [_rule(r) for r in rows]


@router.post("/approval-rules", response=answers({201: RuleOut}))
def add_rule(request: HttpRequest, payload: RuleIn) -> Status[dict[str, Any]]:
    """Route work of a cost centre (or any) in a band of estimated cost to a role or person."""
    _admin(request)
    site = site_of(request, payload.site)
    made = services.add_approval_rule(
        actor=user_of(request),
        site=site,
        min_amount=payload.min_amount,
        max_amount=payload.max_amount,
        cost_centre=by_code(CostCentre, site.pk, "cost_centre", payload.cost_centre),
        approver_role=payload.approver_role.value if payload.approver_role else "",
        approver=person(site.pk, "approver", payload.approver),
    )
    return Status(201, _rule(made))


@router.get(
    "/approvals/waiting",
    response=answers({200: list[WaitingOut]}, 400, 401),
    openapi_extra={"parameters": parameters(WaitingFilter, default_limit=MAX_LIMIT)},
)
def waiting(request: HttpRequest, response: HttpResponse) -> list[dict[str, Any]]:
    """Work waiting for your approval (WA) or re-approval (WL), oldest first.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = WaitingFilter.from_query(request.GET)
    qs = services.approvals_waiting_for(user_of(request)).select_related("approver")
    rows = answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)
    return [
        {
            "work_order": a.work_order.number,
            "title": a.work_order.title,
            "status": a.work_order.status,
            "amount": a.amount,
            "reapproval": a.reapproval,
            "approver": a.approver_label,
            "routed_at": a.routed_at,
        }
        for a in rows
    ]


@router.post("/work-orders/{number}/approve", response=answers({200: wo_schemas.WorkOrderOut}))
def approve(request: HttpRequest, number: str, payload: ApproveIn) -> dict[str, Any]:
    """Approve (WA → BL) or re-approve (WL → PL). 403 when you are not the routed approver
    or the amount is above your limit (your own requests included)."""
    wo = work_order(request, number)
    services.approve(
        wo, actor=user_of(request), approved_amount=payload.approved_amount, note=payload.note
    )
    return detail_of(request, number)


@router.post("/work-orders/{number}/reject", response=answers({200: wo_schemas.WorkOrderOut}))
def reject(request: HttpRequest, number: str, payload: RejectIn) -> dict[str, Any]:
    """Reject work waiting for approval (WA → RJ); the reason is required."""
    wo = work_order(request, number)
    services.reject(wo, actor=user_of(request), reason=payload.reason)
    return detail_of(request, number)
