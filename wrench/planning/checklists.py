"""Inspections: checklists on work orders, copied from job plans, and their results.

A failed check (a reading outside its limits is a fail) raises one corrective request,
initiated by the inspection's kind (O, M, L, V, N: the spec's "ID by"), linked to the
inspection work order (its parent) and to the item, with the finding as its description.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from wrench.accounts.models import User
from wrench.core import clock
from wrench.core.errors import Conflict, FieldError, NotAllowed, NotFound, ValidationFailed
from wrench.planning import optional
from wrench.planning.models import (
    CheckFields,
    CheckKind,
    ChecklistItem,
    CheckResult,
    InspectionKind,
    JobPlan,
    JobPlanCheck,
)
from wrench.workorders import services as workorders
from wrench.workorders.models import WorkOrder
from wrench.workorders.status import Status

# Results are recorded while the work is being done; after CO the findings are in.
RECORDING = (Status.IP,)
# Found by a check of a plan that names no inspection kind: found during other work.
NO_KIND_INITIATED_BY = "W"
LIMIT = Decimal("1e10")  # what a reading (14 digits, 4 decimals) can hold


@dataclass(frozen=True)
class CheckSpec:
    """A checklist item as a job plan's author writes it."""

    text: str
    kind: str = CheckKind.PASS_FAIL
    low: Any = None
    high: Any = None
    unit: str = ""
    meter_name: str = ""  # a meter of the work order's asset the reading feeds (with pm)


def _number(field: str, raw: Any, what: str) -> Decimal:
    try:
        if isinstance(raw, bool):
            raise InvalidOperation
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or abs(value) >= LIMIT:
        raise ValidationFailed(
            f"{field} {raw!r} is not a number",
            errors=[FieldError(field, f"{what}: a number below 10^10 in size; got {raw!r}")],
        )
    return value.quantize(Decimal("0.0001"))


def check_rows(
    checks: Iterable[CheckSpec | Mapping[str, Any]], inspection_kind: str = ""
) -> list[CheckSpec]:
    """The checks of a job plan, validated; ValidationFailed lists every problem."""
    errors: list[FieldError] = []
    if inspection_kind not in ("", *InspectionKind.values):
        errors.append(
            FieldError(
                "inspection_kind",
                f"{inspection_kind!r}: allowed {', '.join(InspectionKind.values)} or none",
            )
        )
    rows: list[CheckSpec] = []
    for i, raw in enumerate(checks, start=1):
        spec = raw if isinstance(raw, CheckSpec) else CheckSpec(**raw)
        where = f"checks.{i}"
        if not spec.text.strip():
            errors.append(FieldError(where, "a check needs its text"))
        if spec.kind not in CheckKind.values:
            errors.append(
                FieldError(where, f"kind {spec.kind!r}: allowed {', '.join(CheckKind.values)}")
            )
        low = high = None
        try:
            low = None if spec.low in (None, "") else _number(where, spec.low, "low limit")
            high = None if spec.high in (None, "") else _number(where, spec.high, "high limit")
        except ValidationFailed as bad:
            errors.extend(bad.errors)
        if spec.kind == CheckKind.PASS_FAIL and (low is not None or high is not None):
            errors.append(FieldError(where, "a pass/fail check has no limits; make it a reading"))
        if spec.meter_name and spec.kind != CheckKind.READING:
            errors.append(FieldError(where, "only a reading can feed a meter"))
        if low is not None and high is not None and low > high:
            errors.append(FieldError(where, f"low limit {low} is above high limit {high}"))
        rows.append(
            CheckSpec(
                spec.text.strip()[:300], spec.kind, low, high, spec.unit[:20], spec.meter_name[:80]
            )
        )
    if errors:
        raise ValidationFailed.collect(errors, "the job plan")
    return rows


def add_plan_checks(plan: JobPlan, checks: list[CheckSpec]) -> None:
    JobPlanCheck.objects.bulk_create(
        JobPlanCheck(
            job_plan=plan,
            position=i * 10,
            text=c.text,
            kind=c.kind,
            low=c.low,
            high=c.high,
            unit=c.unit,
            meter_name=c.meter_name,
        )
        for i, c in enumerate(checks, start=1)
    )


def copy_checks(wo: WorkOrder, plan: JobPlan) -> list[ChecklistItem]:
    """The plan's checks onto the work order, numbered after what it already has (inside
    apply_job_plan's transaction, the work order row locked)."""
    last = ChecklistItem.objects.filter(work_order=wo).order_by("-number").first()
    start = last.number if last else 0
    return ChecklistItem.objects.bulk_create(
        ChecklistItem(
            site_id=wo.site_id,
            work_order=wo,
            number=start + i,
            job_plan=plan,
            inspection_kind=plan.inspection_kind,
            position=c.position,
            text=c.text,
            kind=c.kind,
            low=c.low,
            high=c.high,
            unit=c.unit,
            meter_name=c.meter_name,
            meter_id=optional.meter_id(wo.asset_id, c.meter_name),
        )
        for i, c in enumerate(plan.checks.all(), start=1)
    )


def judge(item: CheckFields, result: str | None, value: Any) -> tuple[str, Decimal | None]:
    """The result to record for `item`: the one given, except that a reading outside its
    limits is a fail whatever was said. ValidationFailed names a bad result or value."""
    if result not in (None, *CheckResult.values):
        raise ValidationFailed(
            f"result {result!r} is not allowed",
            errors=[FieldError("result", f"allowed: {', '.join(CheckResult.values)}")],
        )
    if item.kind == CheckKind.PASS_FAIL:
        if value not in (None, ""):
            raise ValidationFailed(
                f"{item.text!r} is a pass/fail check; it takes no value",
                errors=[FieldError("value", "leave it out for a pass/fail check")],
            )
        if result is None:
            raise ValidationFailed(
                "give the result", errors=[FieldError("result", "required: pass or fail")]
            )
        return result, None
    if value in (None, ""):
        unit = f" in {item.unit}" if item.unit else ""
        raise ValidationFailed(
            f"{item.text!r} is a reading; give its value",
            errors=[FieldError("value", f"required: the reading{unit}")],
        )
    reading = _number("value", value, "the reading")
    outside = (item.low is not None and reading < item.low) or (
        item.high is not None and reading > item.high
    )
    return (
        CheckResult.FAIL if outside or result == CheckResult.FAIL else CheckResult.PASS
    ), reading


def finding(wo: WorkOrder, item: ChecklistItem) -> str:
    """The corrective request's description: what the check found."""
    said = f"Check {item.number} of {wo.number} failed: {item.text}."
    if item.value is not None:
        limits = item.limits()
        said += f" Reading {item.reading}" + (f", limits {limits}." if limits else ".")
    if item.note:
        said += f"\n{item.note}"
    return said


# Coded like the inspection except for what it is (action: not another inspection) and
# who found it; the supervisor reviews it as any request.
INHERITED = ("urgency", "timing", "reason", "funding")


def _corrective(wo: WorkOrder, item: ChecklistItem, actor: User) -> WorkOrder:
    codes = {
        key: getattr(wo, key).abbreviation for key in INHERITED if getattr(wo, key) is not None
    }
    codes["initiated_by"] = item.inspection_kind or NO_KIND_INITIATED_BY
    return workorders.create_work_order(
        actor=actor,
        site=wo.site,
        codes=codes,
        parent=wo,
        asset=wo.asset,
        title=f"Failed check: {item.text}"[:200],
        description=finding(wo, item),
    )


def record_result(
    work_order: WorkOrder,
    *,
    actor: User,
    number: int,
    result: str | None,
    value: Any = None,
    note: str = "",
) -> ChecklistItem:
    """Record check `number`'s result (while the work is in progress). A fail raises the
    corrective request once: recording it again, or passing it later, keeps the one raised.
    A reading of a check that feeds a meter (pm) is recorded on it too, in the same
    transaction: a reading the meter refuses refuses the result. The item comes back with
    `follow_up` (or None)."""
    workorders.check_site(actor, work_order.site_id)
    if not actor.has_perm("workorders.complete_work"):
        raise NotAllowed(
            f"recording checklist results needs the technician or supervisor role; "
            f"you are {actor.role_label}"
        )
    found = ChecklistItem.objects.filter(work_order_id=work_order.pk, number=number).first()
    if found is None:
        raise NotFound(f"{work_order.number} has no checklist item {number}")
    outcome, reading = judge(found, result, value)
    with transaction.atomic():
        wo = WorkOrder.objects.locked(work_order.pk)
        if wo.status not in RECORDING:
            raise Conflict(
                f"{wo.number} is {wo.status} ({wo.get_status_display()}); checklist results "
                f"are recorded while the work is in progress ({', '.join(RECORDING)})",
                status=wo.status,
                allowed=list(RECORDING),
            )
        item = ChecklistItem.objects.select_for_update().get(pk=found.pk)
        if item.meter_id is not None and reading is not None and reading != item.value:
            optional.feed_meter(
                item.meter_id, actor=actor, value=reading, note=f"{wo.number} check {number}"
            )
        item.result, item.value, item.note = outcome, reading, note[:1000]
        item.recorded_by, item.recorded_at = actor, clock.now()
        if outcome == CheckResult.FAIL and item.follow_up_id is None:
            item.follow_up = _corrective(wo, item, actor)
        item.save()
    return item
