"""Charging time to work orders. The first labour charged starts the work (→ IP, system)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from wrench.accounts.models import User
from wrench.assets.models import Trade
from wrench.core import clock
from wrench.core.errors import Conflict, FieldError, NotAllowed, ValidationFailed
from wrench.labor.models import TimeCharge
from wrench.workorders.coding import has_effect
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import SYSTEM, check_site, transition
from wrench.workorders.status import Status

# Work that is released (or running, or just finished) takes time; an emergency takes it
# straight from the request. Everything else is refused with the list.
CHARGEABLE = (Status.RS, Status.SC, Status.IP, Status.CO)
STARTS_WORK = (Status.RS, Status.SC, Status.WR)
MAX_DAYS_BACK = 60


def _hours(raw: Any) -> Decimal:
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        value = Decimal("NaN")
    if (
        not value.is_finite()
        or value <= 0
        or value > 24
        or value != value.quantize(Decimal("0.01"))
    ):
        raise ValidationFailed(
            f"{raw!r} hours is not allowed",
            errors=[
                FieldError("hours", f"hours in one day: above 0, at most 24, to 0.01; got {raw}")
            ],
        )
    return value


def _date(raw: Any) -> dt.date:
    today = clock.now().date()
    try:
        day = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
    except ValueError:
        raise ValidationFailed(
            f"{raw!r} is not a date", errors=[FieldError("date", "YYYY-MM-DD")]
        ) from None
    if day > today or day < today - dt.timedelta(days=MAX_DAYS_BACK):
        raise ValidationFailed(
            f"time cannot be charged for {day}",
            errors=[
                FieldError(
                    "date", f"from {today - dt.timedelta(days=MAX_DAYS_BACK)} to today ({today})"
                )
            ],
        )
    return day


def charge_time(
    work_order: WorkOrder,
    *,
    actor: User,
    hours: Any,
    date: Any = None,
    person: User | None = None,
    trade: Trade | None = None,
    note: str = "",
) -> TimeCharge:
    """Record `hours` worked by `person` (default: the actor) on `date` (default: today).

    Refused on work not released (before RS), closed, cancelled or rejected; refused when it
    would put the person above 24 hours that day. The first charge on ready or scheduled
    work (or on an emergency request) moves it to IP as a process effect.
    """
    check_site(actor, work_order.site_id)
    person = person or actor
    if not actor.has_perm("labor.charge_time"):
        raise NotAllowed(f"charging time needs the technician role; you are {actor.role_label}")
    if person.pk != actor.pk and not actor.has_perm("labor.charge_time_for_others"):
        raise NotAllowed(
            f"entering time for {person.username} needs the supervisor or planner role; "
            f"you are {actor.role_label}"
        )
    if work_order.site_id not in person.site_ids():
        raise ValidationFailed(
            "that person does not work at this site",
            errors=[FieldError("person", f"{person.username} is not a member of the site")],
        )
    amount, day = _hours(hours), _date(date or clock.now().date())
    trade = trade or person.trade or work_order.trade
    if trade is None or trade.site_id != work_order.site_id:
        raise ValidationFailed(
            "which trade was the work?",
            errors=[FieldError("trade", "give a trade of the site (the person has none set)")],
        )
    with transaction.atomic():
        wo = WorkOrder.objects.locked(work_order.pk)
        emergency = wo.status == Status.WR and has_effect({"u": wo.urgency}, "bypass_approval")
        if wo.status not in CHARGEABLE and not emergency:
            raise Conflict(
                f"time cannot be charged to {wo.number}: it is {wo.status} "
                f"({wo.get_status_display()}); time is charged to work in "
                f"{', '.join(CHARGEABLE)} (or an emergency request)",
                status=wo.status,
            )
        day_total = TimeCharge.objects.filter(person=person, date=day).total_hours()
        if day_total + amount > 24:
            raise ValidationFailed(
                f"{person.username} would have {day_total + amount} hours on {day}",
                errors=[
                    FieldError(
                        "hours",
                        f"already {day_total} h charged that day; at most {24 - day_total} more",
                    )
                ],
            )
        first = not TimeCharge.objects.filter(work_order=wo).exists()
        charge = TimeCharge.objects.create(
            site_id=wo.site_id,
            work_order=wo,
            person=person,
            trade=trade,
            date=day,
            hours=amount,
            note=note[:200],
            entered_by=actor,
            entered_at=clock.now(),
        )
        if wo.status in STARTS_WORK:
            what = "first labour charged" if first else "labour charged"
            transition(
                wo,
                Status.IP,
                actor=SYSTEM,
                reason=f"{what}: {amount} h {trade.code} by {person.username} on {day}",
            )
    return charge


@dataclass(frozen=True)
class LabourActuals:
    estimated_hours: Decimal
    actual_hours: Decimal
    by_trade: dict[str, Decimal]

    @property
    def variance_hours(self) -> Decimal:
        return self.actual_hours - self.estimated_hours


def actual_vs_estimated(work_order: WorkOrder) -> LabourActuals:
    charges = TimeCharge.objects.filter(work_order=work_order)
    return LabourActuals(
        estimated_hours=work_order.estimated_hours,
        actual_hours=charges.total_hours(),
        by_trade=charges.hours_by_trade(),
    )
