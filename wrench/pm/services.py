"""Every change to a PM plan: create, change, pause, resume, skip a due date.

Keyword-only arguments and an explicit actor; one transaction, the plan's row locked.
Who may: the `pm.manage_pmplans` permission (planner and supervisor by default); giving a
plan a job plan also needs the planner's `workorders.plan_workorder`, because the work it
raises is planned from it in the plan owner's name. Errors say what was wrong and what is
allowed (ValidationFailed 400, NotAllowed 403, Conflict 409).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from wrench.accounts.models import User
from wrench.assets.models import Asset, Site
from wrench.coding.book import CodingBook
from wrench.coding.models import CodeValue
from wrench.core import clock
from wrench.core.errors import Conflict, FieldError, NotAllowed, ValidationFailed
from wrench.materials.models import Storeroom
from wrench.planning.models import JobPlan
from wrench.pm import due as dues
from wrench.pm.generate import CODED
from wrench.pm.models import Enters, Meter, OccurrenceState, PmOccurrence, PmPlan, Schedule
from wrench.workorders.services import check_site

MAX_INTERVAL_DAYS = 3650
MAX_METER_INTERVAL = Decimal("100000000")
FIELDS = (
    "title",
    "description",
    "interval_days",
    "schedule",
    "first_due",
    "meter",
    "meter_interval",
    "lead_days",
    "priority",
    "enters",
    "job_plan",
    "storeroom",
    "season_from",
    "season_to",
)


def may_manage(actor: User, site_id: int) -> None:
    check_site(actor, site_id)
    if not actor.has_perm("pm.manage_pmplans"):
        raise NotAllowed(
            f"PM plans are written by the planner or supervisor role; you are {actor.role_label}"
        )


def _int(errors: list[FieldError], name: str, raw: Any, lo: int, hi: int) -> int | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, bool) or not str(raw).strip().isdigit() or not lo <= int(raw) <= hi:
        errors.append(FieldError(name, f"a whole number from {lo} to {hi}; got {raw!r}"))
        return None
    return int(raw)


def _check(plan: PmPlan, data: dict[str, Any], coding: dict[str, str] | None) -> None:
    """Apply `data` and `coding` to `plan` (unsaved), or raise listing every problem."""
    errors: list[FieldError] = []
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        errors.append(FieldError(unknown[0], f"unknown field(s); allowed: {', '.join(FIELDS)}"))
    if "title" in data:
        plan.title = str(data["title"] or "").strip()[:200]
    if not plan.title:
        errors.append(FieldError("title", "a plan needs a title"))
    if "description" in data:
        plan.description = str(data["description"] or "")
    if "schedule" in data:
        if data["schedule"] not in Schedule.values:
            errors.append(FieldError("schedule", f"allowed: {', '.join(Schedule.values)}"))
        else:
            plan.schedule = data["schedule"]
    if "enters" in data:
        if data["enters"] not in Enters.values:
            errors.append(FieldError("enters", f"allowed: {', '.join(Enters.values)}"))
        else:
            plan.enters = data["enters"]
    if "interval_days" in data:
        plan.interval_days = _int(
            errors, "interval_days", data["interval_days"], 1, MAX_INTERVAL_DAYS
        )
    for name, hi in (("lead_days", 365), ("priority", 1000)):
        if name in data:
            setattr(plan, name, _int(errors, name, data[name], 0, hi) or 0)
    for name in ("season_from", "season_to"):
        if name in data:
            setattr(plan, name, _int(errors, name, data[name], 1, 12))
    if bool(plan.season_from) != bool(plan.season_to):
        errors.append(FieldError("season_from", "give both months of the season, or neither"))
    if "meter" in data:
        meter = data["meter"]
        if meter is not None and (meter.site_id != plan.site_id or meter.asset_id != plan.asset_id):
            errors.append(
                FieldError("meter", f"meter {meter.pk} is not on asset {plan.asset.code}")
            )
        plan.meter = meter
    if "meter_interval" in data:
        raw = data["meter_interval"]
        try:
            value = None if raw in (None, "") else Decimal(str(raw))
        except InvalidOperation:
            value = Decimal(-1)
        if value is not None and not (value.is_finite() and 0 < value <= MAX_METER_INTERVAL):
            errors.append(FieldError("meter_interval", f"above 0, at most {MAX_METER_INTERVAL}"))
            value = None
        plan.meter_interval = value
    if plan.meter_id and not plan.meter_interval:
        errors.append(FieldError("meter_interval", "a meter plan needs its interval (e.g. 500 h)"))
    if plan.meter_interval and not plan.meter_id:
        errors.append(FieldError("meter", "a meter interval needs the meter it counts on"))
    if not plan.interval_days and not plan.meter_id:
        errors.append(
            FieldError("interval_days", "give interval_days, a meter with meter_interval, or both")
        )
    if "first_due" in data and data["first_due"] is not None:
        first = data["first_due"]
        if not isinstance(first, dt.date):
            try:
                first = dt.date.fromisoformat(str(first))
            except ValueError:
                errors.append(FieldError("first_due", f"{first!r} is not a date (YYYY-MM-DD)"))
                first = None
        if first is not None and (problem := clock.day_problem(first)):
            errors.append(FieldError("first_due", problem))
            first = None
        plan.first_due = first
    for name, model in (("job_plan", JobPlan), ("storeroom", Storeroom)):
        if name in data:
            obj = data[name]
            if obj is not None and (not isinstance(obj, model) or obj.site_id != plan.site_id):
                errors.append(FieldError(name, "not at this plan's site"))
            setattr(plan, name, obj)
    if coding is not None:
        book = CodingBook.for_site(plan.site_id)
        for key, abbreviation in coding.items():
            if key not in CODED:
                why = "set by the trigger (T time, H meter)" if key == "initiated_by" else ""
                errors.append(FieldError(f"coding.{key}", why or f"allowed: {', '.join(CODED)}"))
                continue
            chosen = book.resolve(key, str(abbreviation)) if abbreviation else None
            if isinstance(chosen, FieldError):
                errors.append(FieldError(f"coding.{key}", chosen.message))
            else:
                setattr(plan, key, chosen if isinstance(chosen, CodeValue) else None)
    if errors:
        raise ValidationFailed.collect(errors, "the PM plan")


def _job_plan_rights(actor: User, plan: PmPlan) -> None:
    if plan.job_plan_id and not actor.has_perm("workorders.plan_workorder"):
        raise NotAllowed(
            "a plan with a job plan raises work planned in its owner's name: that needs the "
            f"planner role; you are {actor.role_label}"
        )
    jp = plan.job_plan
    if (
        jp is not None
        and jp.materials.filter(stock_item__isnull=False).exists()
        and not plan.storeroom_id
    ):
        raise ValidationFailed(
            "the job plan reserves stock: say from which storeroom",
            errors=[FieldError("storeroom", "required: the job plan has stock items")],
        )


def _start(plan: PmPlan, today: dt.date) -> None:
    """The first due date and meter total of a new (or re-triggered) plan."""
    if plan.interval_days and plan.next_due is None:
        plan.next_due = plan.first_due or today + dt.timedelta(days=plan.interval_days)
    if plan.meter_id and plan.next_meter_due is None and plan.meter is not None:
        plan.next_meter_due = plan.meter.total + (plan.meter_interval or 0)


def create_plan(
    *,
    actor: User,
    site: Site,
    asset: Asset,
    coding: dict[str, str] | None = None,
    **data: Any,
) -> PmPlan:
    """A new active plan for `asset`; its first due date is `first_due`, or one interval from
    today; a meter plan falls due one `meter_interval` above the meter's total now."""
    may_manage(actor, site.pk)
    if asset.site_id != site.pk:
        raise ValidationFailed(
            "the asset is not at this site", errors=[FieldError("asset", asset.code)]
        )
    plan = PmPlan(site=site, asset=asset, owner=actor)
    data.setdefault("title", "")
    _check(plan, data, coding or {})
    _job_plan_rights(actor, plan)
    _start(plan, clock.now().date())
    with transaction.atomic():
        plan.save()
    return plan


def update_plan(
    plan: PmPlan, *, actor: User, coding: dict[str, str] | None = None, **data: Any
) -> PmPlan:
    """Change fields and coding. A changed interval, first due date or meter interval
    re-dates the next occurrence; work already raised is left as it is."""
    may_manage(actor, plan.site_id)
    with transaction.atomic():
        locked = (
            PmPlan.objects.select_for_update(of=("self",))
            .select_related("asset", "meter")
            .get(pk=plan.pk)
        )
        _check(locked, data, coding)
        _job_plan_rights(actor, locked)
        today = clock.now().date()
        if "first_due" in data and locked.first_due:
            locked.next_due = locked.first_due
        elif "interval_days" in data and locked.next_due and locked.interval_days:
            last = locked.occurrences.exclude(due_on=None).order_by("-seq").first()
            base = last.due_on if last and last.due_on else today
            locked.next_due = base + dt.timedelta(days=locked.interval_days)
        if not locked.interval_days:
            locked.next_due = None
        if "meter" in data or "meter_interval" in data:
            locked.next_meter_due = None
        if not locked.meter_id:
            locked.next_meter_due = None
        if locked.occurrences_made == 0 or locked.schedule == Schedule.FIXED:
            _start(locked, today)
        locked.save()
    return locked


def pause_plan(plan: PmPlan, *, actor: User, reason: str) -> PmPlan:
    """Stop raising work until resumed (a reason is required: it shows on the plan)."""
    may_manage(actor, plan.site_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            "say why the plan is paused", errors=[FieldError("reason", "required")]
        )
    with transaction.atomic():
        locked = PmPlan.objects.select_for_update().get(pk=plan.pk)
        if not locked.active:
            raise Conflict(f"PM plan {locked.pk} is already paused: {locked.paused_reason}")
        locked.active, locked.paused_reason = False, reason[:200]
        locked.save(update_fields=["active", "paused_reason"])
    return locked


def resume_plan(plan: PmPlan, *, actor: User) -> PmPlan:
    """Raise work again. A fixed plan whose due date passed while paused raises it at the
    next generation (once, however long it was paused)."""
    may_manage(actor, plan.site_id)
    with transaction.atomic():
        locked = PmPlan.objects.select_for_update().get(pk=plan.pk)
        if locked.active:
            raise Conflict(f"PM plan {locked.pk} is active; only a paused plan is resumed")
        locked.active, locked.paused_reason = True, ""
        locked.save(update_fields=["active", "paused_reason"])
    return locked


def skip_next(plan: PmPlan, *, actor: User, reason: str) -> PmOccurrence:
    """Skip the next due occurrence with a reason: it is recorded (no work order) and the
    plan counts on from it as if it had been done on its due date."""
    may_manage(actor, plan.site_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("say why it is skipped", errors=[FieldError("reason", "required")])
    with transaction.atomic():
        locked = (
            PmPlan.objects.select_for_update(of=("self",)).select_related("meter").get(pk=plan.pk)
        )
        today = clock.now().date()
        when = dues.next_due_date(locked, today)
        if when is None:
            raise Conflict(
                f"PM plan {locked.pk} has no next due date to skip (a floating plan waits for "
                "its open work to be completed)"
            )
        locked.occurrences_made += 1
        occurrence = PmOccurrence.objects.create(
            site_id=locked.site_id,
            plan=locked,
            seq=locked.occurrences_made,
            state=OccurrenceState.SKIPPED,
            trigger="T" if dues.time_due(locked) == when else "H",
            due_on=when,
            due_reading=locked.next_meter_due,
            interval_days=locked.interval_days,
            reason=reason[:200],
            actor=actor,
            at=clock.now(),
        )
        current = dues.time_due(locked)
        if locked.interval_days and current is not None:
            locked.next_due = current + dt.timedelta(days=locked.interval_days)
        if locked.meter_interval and locked.next_meter_due is not None:
            locked.next_meter_due += locked.meter_interval
        locked.save(update_fields=["next_due", "next_meter_due", "occurrences_made"])
    return occurrence


def meter_for(site_id: int, meter_id: int | None) -> Meter | None:
    if meter_id is None:
        return None
    found = Meter.objects.filter(site_id=site_id, pk=meter_id).first()
    if found is None:
        raise ValidationFailed(
            f"no meter {meter_id} at this site",
            errors=[FieldError("meter", "a meter id of the site")],
        )
    return found
