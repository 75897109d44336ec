"""Domain queries on approvals: what waits for whom."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from wrench.accounts.models import User
    from wrench.approvals.models import Approval, ApprovalRule  # noqa: F401


class ApprovalRuleQuerySet(models.QuerySet["ApprovalRule"]):
    def matching(self, *, site_id: int, cost_centre_id: int | None, amount: Decimal):
        """Active rules whose band holds `amount`, most specific first (cost centre, then band)."""
        return (
            self.filter(site_id=site_id, active=True, min_amount__lte=amount)
            .filter(Q(max_amount__isnull=True) | Q(max_amount__gte=amount))
            .filter(Q(cost_centre_id=cost_centre_id) | Q(cost_centre__isnull=True))
            .order_by(models.F("cost_centre_id").asc(nulls_last=True), "-min_amount", "id")
        )


class ApprovalQuerySet(models.QuerySet["Approval"]):
    def pending(self) -> ApprovalQuerySet:
        return self.filter(decision="pending")

    def waiting_for(self, user: User) -> ApprovalQuerySet:
        """Pending approvals `user` may decide now: routed to them by name or by one of their
        roles (or by no rule at all: then any approver), at their sites, and with the work
        order's estimate within their approval limit. Nothing for a role without the approve
        permission. The same rules as the lifecycle's guards (routed_approver,
        within_own_limit), so the queue offers only what the approval would let through."""
        if not user.has_perm("workorders.approve_workorder"):
            return self.none()
        waiting = self.pending().filter(site_id__in=user.site_ids())
        if not user.is_superuser:
            waiting = waiting.filter(
                Q(approver=user)
                | Q(approver__isnull=True, approver_role__in=[*user.role_names, ""])
            )
        if user.approval_limit is not None:
            waiting = waiting.filter(work_order__estimated_cost__lte=user.approval_limit)
        return waiting
