"""Follow-up work raised from work in progress or completed work. (Completing and closing
are lifecycle moves: `workorders.services.transition` to CO with findings and failure coding,
to CL with the job plan feedback; the table names what each records.)"""

from __future__ import annotations

from typing import Any

from wrench.accounts.models import User
from wrench.core.errors import Conflict
from wrench.workorders import services as workorders
from wrench.workorders.models import WorkOrder
from wrench.workorders.status import Status


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
