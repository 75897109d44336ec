"""Recording what the reports need that the work order does not hold: downtime."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from wrench.accounts.models import User
from wrench.core import clock
from wrench.core.errors import FieldError, NotAllowed, ValidationFailed
from wrench.reports.models import Downtime
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import check_site

RECORDERS = ("supervisor", "planner", "technician")


def record_downtime(
    work_order: WorkOrder, *, actor: User, started_at: dt.datetime, ended_at: dt.datetime
) -> Downtime:
    """Record (or correct) the downtime of the failure `work_order` repaired.

    One row per work order: recording again replaces the times. The work order must be
    against an asset; the end must be after the start and not in the future.
    """
    check_site(actor, work_order.site_id)
    if not (actor.is_superuser or set(actor.role_names) & set(RECORDERS)):
        raise NotAllowed(
            f"recording downtime needs the {' or '.join(RECORDERS)} role; you are {actor.role_label}"
        )
    errors = []
    if work_order.asset_id is None:
        errors.append(FieldError("asset", f"{work_order.number} is not against an asset"))
    if ended_at <= started_at:
        errors.append(FieldError("ended_at", "the end must be after the start"))
    if ended_at > clock.now():
        errors.append(FieldError("ended_at", "the end cannot be in the future"))
    if errors:
        raise ValidationFailed("the downtime was not saved", errors=errors)
    with transaction.atomic():
        row, _ = Downtime.objects.update_or_create(
            work_order=work_order,
            defaults={
                "site_id": work_order.site_id,
                "asset_id": work_order.asset_id or 0,  # checked above
                "started_at": started_at,
                "ended_at": ended_at,
                "recorded_by": actor,
                "recorded_at": clock.now(),
            },
        )
    return row
