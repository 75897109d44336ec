"""Completion and review: physically complete with findings and failure coding, follow-up
work raised from completed work, closing with review feedback for the job plan."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from wrench.accounts.models import User
from wrench.coding.book import CodingBook
from wrench.core import clock
from wrench.core.errors import Conflict, FieldError, ValidationFailed
from wrench.planning.models import JobPlanUse
from wrench.workorders import services as workorders
from wrench.workorders.models import WorkOrder, WorkOrderCode
from wrench.workorders.status import Status

FAILURE_KEYS = ("problem", "cause", "remedy")


def complete_work(
    work_order: WorkOrder, *, actor: User, findings: str, failure: dict[str, str] | None = None
) -> WorkOrder:
    """IP → CO with the findings and the failure coding {problem, cause, remedy} (value
    abbreviations of those characteristics), all or nothing."""
    unknown = sorted(set(failure or {}) - set(FAILURE_KEYS))
    if unknown:
        raise ValidationFailed(
            "unknown failure coding",
            errors=[FieldError(k, f"allowed: {', '.join(FAILURE_KEYS)}") for k in unknown],
        )
    book = CodingBook.for_site(work_order.site_id)
    chosen, errors = {}, []
    for key, abbreviation in (failure or {}).items():
        value = book.resolve(key, str(abbreviation))
        if isinstance(value, FieldError):
            errors.append(value)
        else:
            chosen[key] = value
    if errors:
        raise ValidationFailed.collect(errors, "the failure coding")
    with transaction.atomic():
        # The transition checks the completer's role; the coding is written with it or not at all.
        wo = workorders.transition(work_order, Status.CO, actor=actor, findings=findings)
        for key, value in chosen.items():
            WorkOrderCode.objects.update_or_create(
                work_order=wo,
                characteristic=book.characteristics[key],
                defaults={"value": value, "site_id": wo.site_id},
            )
    return wo


def raise_follow_up(
    work_order: WorkOrder, *, actor: User, title: str, description: str, **fields: Any
) -> WorkOrder:
    """A new request found while doing `work_order` (initiated by W, linked to its parent).

    Coded like the parent unless `codes` says otherwise; status WR, reviewed as any request.
    """
    if work_order.status not in (Status.IP, Status.CO, Status.CL):
        raise Conflict(
            f"{work_order.number} is {work_order.status}; follow-up work is raised from work "
            "in progress, physically complete or closed",
            status=work_order.status,
        )
    # The follow-up starts coded like its parent (an admin's urgency etc. still apply), except
    # that it was initiated by other maintenance work (W); `codes` overrides any of it.
    inherited = {
        key: getattr(work_order, key).abbreviation
        for key in ("urgency", "timing", "reason", "action", "funding")
        if getattr(work_order, key) is not None
    }
    codes = {**inherited, "initiated_by": "W", **fields.pop("codes", {})}
    return workorders.create_work_order(
        actor=actor,
        site=work_order.site,
        codes=codes,
        parent=work_order,
        title=title,
        description=description,
        asset=fields.pop("asset", work_order.asset),
        **fields,
    )


def close_work_order(
    work_order: WorkOrder, *, actor: User, feedback: str = "", reason: str = ""
) -> WorkOrder:
    """CO → CL (planner, after the closing delay), recording the closing review's feedback
    on every job plan used by the work order in the same transaction."""
    feedback = (feedback or "").strip()
    if len(feedback) > 5000:
        raise ValidationFailed(
            "feedback too long", errors=[FieldError("feedback", "at most 5000 characters")]
        )
    with transaction.atomic():
        wo = workorders.transition(work_order, Status.CL, actor=actor, reason=reason)
        if feedback:
            JobPlanUse.objects.filter(work_order=wo).update(
                feedback=feedback, feedback_by=actor, feedback_at=clock.now()
            )
    return wo
