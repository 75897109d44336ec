"""Approval rules (admin) and the approver's decisions.

Deciding is a lifecycle transition (WA → BL / RJ, WL → PL); these functions name the action
for the API and pages. The Approval row is closed by the table's `record_decision` effect,
so a decision made through `transition()` directly is recorded the same way.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group

from wrench.accounts.models import User
from wrench.approvals.models import ApprovalRule
from wrench.assets.models import CostCentre, Site
from wrench.core.errors import Conflict, FieldError, NotAllowed, ValidationFailed
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import transition
from wrench.workorders.status import Status

APPROVE = "workorders.approve_workorder"


def _holds_approve(role: str) -> bool:
    return Group.objects.filter(
        name=role,
        permissions__codename="approve_workorder",
        permissions__content_type__app_label="workorders",
    ).exists()


def add_approval_rule(
    *,
    actor: User,
    site: Site,
    min_amount: Decimal | int | str = 0,
    max_amount: Decimal | int | str | None = None,
    cost_centre: CostCentre | None = None,
    approver_role: str = "",
    approver: User | None = None,
) -> ApprovalRule:
    """Route work of `cost_centre` (None: any) estimated in [min, max] to a role or a person."""
    if not actor.has_perm("approvals.add_approvalrule"):
        raise NotAllowed(f"approval rules are set by an admin; you are {actor.role_label}")
    errors: list[FieldError] = []
    low, high = Decimal(str(min_amount)), None if max_amount is None else Decimal(str(max_amount))
    if low < 0:
        errors.append(FieldError("min_amount", f"must be 0 or more; got {low}"))
    if high is not None and high <= low:
        errors.append(FieldError("max_amount", f"must be above min_amount {low}; got {high}"))
    if bool(approver_role) == (approver is not None):
        errors.append(FieldError("approver", "name either an approver role or a person, not both"))
    elif approver_role and not _holds_approve(approver_role):
        errors.append(
            FieldError("approver_role", f"role {approver_role} does not hold approve permission")
        )
    elif approver is not None:
        if not approver.has_perm(APPROVE) or site.pk not in approver.site_ids():
            errors.append(
                FieldError("approver", f"{approver.username} is not an approver at {site.code}")
            )
        elif approver.approval_limit is not None and (
            high is None or high > approver.approval_limit
        ):
            errors.append(
                FieldError(
                    "approver",
                    f"{approver.username} may approve up to {approver.approval_limit}; "
                    f"the band reaches {high if high is not None else 'no limit'}",
                )
            )
    if cost_centre is not None and cost_centre.site_id != site.pk:
        errors.append(FieldError("cost_centre", f"{cost_centre.code} is not at {site.code}"))
    if errors:
        raise ValidationFailed.collect(errors, "the approval rule")
    return ApprovalRule.objects.create(
        site=site,
        cost_centre=cost_centre,
        min_amount=low,
        max_amount=high,
        approver_role=approver_role,
        approver=approver,
    )


def approve(
    work_order: WorkOrder,
    *,
    actor: User,
    approved_amount: Decimal | None = None,
    note: str = "",
) -> WorkOrder:
    """Approve work waiting approval (WA → BL) or re-approval (WL → PL).

    The approved amount defaults to the current estimate. Refused unless `actor` is the
    routed approver and the amount is within their limit (own requests included).
    """
    _may_decide(actor, "approve")
    current = WorkOrder.objects.only("status").get(pk=work_order.pk).status
    target = {Status.WA: Status.BL, Status.WL: Status.PL}.get(Status(current))
    if target is None:
        raise Conflict(
            f"{work_order.number} is {current}; only WA or WL work waits for approval",
            status=current,
        )
    return transition(work_order, target, actor=actor, approved_amount=approved_amount, reason=note)


def reject(work_order: WorkOrder, *, actor: User, reason: str) -> WorkOrder:
    """Reject work waiting approval (WA → RJ); the reason is required and told to the originator.

    Only WA work: a request at review (WR) is rejected by its reviewer through `transition()`.
    """
    _may_decide(actor, "reject")
    current = WorkOrder.objects.only("status").get(pk=work_order.pk).status
    if current != Status.WA:
        raise Conflict(
            f"{work_order.number} is {current}; only WA work waits for an approver's decision",
            status=current,
        )
    return transition(work_order, Status.RJ, actor=actor, reason=reason)


def _may_decide(actor: User, what: str) -> None:
    """The role check comes first: a role without the approve permission is refused (403)
    whatever the work order's status, so the answer never tells it more than that."""
    if actor.has_perm(APPROVE):
        return
    roles = sorted(
        Group.objects.filter(
            permissions__codename="approve_workorder",
            permissions__content_type__app_label="workorders",
        ).values_list("name", flat=True)
    )
    raise NotAllowed(
        f"to {what} work needs the {' or '.join(roles) or 'approver'} role; "
        f"you are {actor.role_label}"
    )


def approvals_waiting_for(user: User) -> Any:
    from wrench.approvals.models import Approval

    return Approval.objects.waiting_for(user).select_related("work_order")


def work_orders_waiting_for(user: User) -> Any:
    """The ids of the work orders `user` may decide now (the approval queue's rows): a
    values queryset, to filter a work order list by (`pk__in=`)."""
    from wrench.approvals.models import Approval

    return Approval.objects.waiting_for(user).values("work_order_id")
