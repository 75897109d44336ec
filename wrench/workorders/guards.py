"""The guards of the lifecycle table (lifecycle.TABLE) that the work order itself can answer.

A guard takes the Move being checked and returns None when the move may go ahead, or the
sentence that tells a person why not. Guards read; they never write.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from wrench.coding.models import EffectKey, Requirement
from wrench.core import clock

if TYPE_CHECKING:
    from wrench.workorders.lifecycle import Move
    from wrench.workorders.models import WorkOrder


def _is_emergency(wo: WorkOrder) -> bool:
    urgency = wo.urgency
    return urgency is not None and urgency.has_effect(EffectKey.BYPASS_APPROVAL)


def emergency_only(move: Move) -> str | None:
    """Only work whose urgency bypasses approval (E) starts straight from a request."""
    if _is_emergency(move.work_order):
        return None
    urgency = move.work_order.urgency
    got = f"{urgency.abbreviation} ({urgency.value})" if urgency else "none"
    return f"only emergency work may start straight from a request; urgency is {got}"


def not_emergency(move: Move) -> str | None:
    """Emergency work bypasses approval: it is started (IP), never sent for approval."""
    if not _is_emergency(move.work_order):
        return None
    urgency = move.work_order.urgency
    assert urgency is not None
    return (
        f"{move.work_order.number} is an emergency ({urgency.abbreviation}, {urgency.value}): "
        "emergency work bypasses approval; start the work (IP) instead"
    )


def generated_by_system(move: Move) -> str | None:
    """The system itself moves only work the computer raised (PM: initiated by T or H)."""
    initiated = move.work_order.initiated_by
    if not move.by_system or (
        initiated is not None and initiated.has_effect(EffectKey.GENERATED_BY_SYSTEM)
    ):
        return None
    got = f"{initiated.abbreviation} ({initiated.value})" if initiated else "none"
    return (
        "the system moves only work the computer raised (a PM plan, initiated by T or H); "
        f"initiated by is {got}"
    )


def coded_for_approval(move: Move) -> str | None:
    """Every characteristic required before approval is coded (timing, reason, action…)."""
    from wrench.coding.book import CodingBook
    from wrench.workorders.coding import chosen_values

    wo = move.work_order
    book = CodingBook.for_site(wo.site_id, version=wo.site.coding_version)
    missing = book.missing(chosen_values(wo, book), Requirement.BEFORE_APPROVAL)
    if missing:
        return "coding incomplete: " + "; ".join(e.message for e in missing)
    return None


def within_own_limit(move: Move) -> str | None:
    """The amount approved (default: the estimate) is within the person's approval limit."""
    if move.by_system:
        return None
    actor = move.person
    amount = move.amount_to_approve
    if actor.may_approve(amount):
        return None
    if move.work_order.requester_id == actor.pk:
        return (
            f"you raised {move.work_order.number} yourself and its estimate {amount} is above "
            f"your approval limit {actor.approval_limit}; another approver must approve it"
        )
    return (
        f"the estimate {amount} is above your approval limit {actor.approval_limit}; "
        "send it for approval (WA) instead"
    )


def approval_ceiling(wo: WorkOrder) -> Decimal:
    """The approved amount plus the site's allowed variance: what the estimate may reach
    before the work needs re-approval."""
    approved = wo.approved_amount or Decimal(0)
    return approved * (1 + wo.site.allowed_variance_pct / Decimal(100))


def over_allowed_variance(move: Move) -> str | None:
    """The estimate exceeds the approved amount plus the allowed variance (→ WL)."""
    wo = move.work_order
    ceiling = approval_ceiling(wo)
    if wo.approved_amount is not None and wo.estimated_cost > ceiling:
        return None
    return (
        f"the estimate {wo.estimated_cost} is within the approved {wo.approved_amount or 0} "
        f"plus {wo.site.allowed_variance_pct}% ({ceiling:.2f}); re-approval is not needed"
    )


def within_approved_amount(move: Move) -> str | None:
    """Approved work goes on only while its estimate is within the approved amount plus the
    allowed variance; above it, it waits for re-approval (WL)."""
    wo = move.work_order
    if wo.approved_amount is None or wo.estimated_cost <= approval_ceiling(wo):
        return None
    return (
        f"the estimate {wo.estimated_cost} is above the approved {wo.approved_amount} plus "
        f"{wo.site.allowed_variance_pct}% ({approval_ceiling(wo):.2f}); it needs re-approval (WL)"
    )


def findings_recorded(move: Move) -> str | None:
    """What was found and done is written before the work is marked physically complete."""
    if (move.findings or move.work_order.findings).strip():
        return None
    return "record the findings (what was found and done) before marking physically complete"


def closing_delay_passed(move: Move) -> str | None:
    """The site's closing delay (for invoices) has passed since physical completion."""
    wo = move.work_order
    delay = timedelta(days=wo.site.closing_delay_days)
    if wo.completed_at is None:
        return "no physical completion date is recorded"
    earliest = wo.completed_at + delay
    if clock.now() >= earliest:
        return None
    return (
        f"closing waits {wo.site.closing_delay_days} days after physical completion for "
        f"invoices; earliest close {timezone.localtime(earliest):%Y-%m-%d %H:%M}"
    )


def own_request(move: Move) -> str | None:
    """A requester withdraws only a request they raised themselves."""
    if not move.by_system and move.work_order.requester_id == getattr(move.actor, "pk", None):
        return None
    return "a requester may cancel only their own requests"
