"""API: physical completion with findings and failure coding, follow-up work, closing with
review feedback. `/complete` and `/close` are `/transition` to CO and CL with their extras
named: the same service and the same lifecycle rules."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from wrench.accounts.access import user_of
from wrench.core.schemas import answers
from wrench.planning import completion
from wrench.planning.schemas import (
    CloseIn,
    CompleteIn,
    FollowUpIn,
)
from wrench.workorders import schemas as wo_schemas
from wrench.workorders.access import detail_of, work_order
from wrench.workorders.services import transition
from wrench.workorders.status import Status as WoStatus

router = Router(tags=["completion"])


@router.post("/work-orders/{number}/complete", response=answers({200: wo_schemas.WorkOrderOut}))
def complete(request: HttpRequest, number: str, payload: CompleteIn) -> dict[str, Any]:
    """Physically complete (IP → CO) with findings and the failure coding (abbreviations of
    the problem, cause and remedy value lists; see /coding)."""
    wo = work_order(request, number)
    failure = {
        k: v
        for k, v in (
            ("problem", payload.problem),
            ("cause", payload.cause),
            ("remedy", payload.remedy),
        )
        if v
    }
    transition(wo, WoStatus.CO, actor=user_of(request), findings=payload.findings, failure=failure)
    return detail_of(request, number)


@router.post("/work-orders/{number}/follow-ups", response=answers({201: wo_schemas.WorkOrderOut}))
def follow_up(request: HttpRequest, number: str, payload: FollowUpIn) -> Status[dict[str, Any]]:
    """Raise new work found while doing this job (initiated by W, linked to it, coded like
    it unless `codes` says otherwise). Allowed from IP, CO and CL."""
    wo = work_order(request, number)
    made = completion.raise_follow_up(
        wo,
        actor=user_of(request),
        title=payload.title,
        description=payload.description,
        codes=payload.codes or {},
    )
    return Status(201, detail_of(request, made.number))


@router.post("/work-orders/{number}/close", response=answers({200: wo_schemas.WorkOrderOut}))
def close(request: HttpRequest, number: str, payload: CloseIn) -> dict[str, Any]:
    """Close (CO → CL; planner, after the closing delay), with the review feedback recorded
    on every job plan the work order used."""
    wo = work_order(request, number)
    transition(
        wo, WoStatus.CL, actor=user_of(request), feedback=payload.feedback, reason=payload.reason
    )
    return detail_of(request, number)
