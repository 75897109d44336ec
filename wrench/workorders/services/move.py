"""Moving a work order between statuses: the one service every page, API call, command and
process effect goes through (the lifecycle table says what each move checks and does)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from wrench.accounts.models import User
from wrench.coding.book import CodingBook
from wrench.coding.failure import FAILURE_KEYS
from wrench.coding.models import CodeValue
from wrench.core import clock
from wrench.core.errors import Conflict, FieldError, NotAllowed, ValidationFailed
from wrench.workorders import effects, lifecycle
from wrench.workorders.guards import approval_ceiling
from wrench.workorders.lifecycle import SYSTEM, Move, Rule, System
from wrench.workorders.models import WorkOrder
from wrench.workorders.services.common import check_site
from wrench.workorders.signals import work_order_transitioned
from wrench.workorders.status import Status
from wrench.workorders.writes import as_stored, save_changed, write_event

MAX_FEEDBACK = 5000


def transition(
    work_order: WorkOrder,
    to: str,
    *,
    actor: User | System,
    reason: str = "",
    findings: str = "",
    approved_amount: Decimal | None = None,
    failure: dict[str, str] | None = None,
    feedback: str = "",
) -> WorkOrder:
    """Move a work order to status `to` if the lifecycle table allows it, and do what the
    row says happens.

    Locks the row, re-reads its status, checks the table (forbidden → Conflict naming the
    current status and the allowed next ones; wrong role → NotAllowed naming the role
    needed; failed guard → Conflict saying why), then writes the new status, one
    WorkOrderEvent and whatever the row's effects write, in one transaction. The extras a
    person gives with a move are checked before anything is locked (ValidationFailed):
    `findings` and `failure` (problem, cause, remedy abbreviations) at completion (CO),
    `approved_amount` with an approval, `feedback` for the job plans at closing (CL).
    `actor=SYSTEM` is for process effects; the event is then marked automatic. The work
    order comes back with its related objects and coding attached.
    """
    _known_status(to)
    check_site(actor, work_order.site_id)
    extras = _extras(work_order.site_id, approved_amount, failure, feedback)
    with transaction.atomic():
        wo = WorkOrder.objects.locked(work_order.pk)
        return _move(wo, to, actor, reason, findings, extras)


def transition_number(
    number: str,
    to: str,
    *,
    actor: User,
    reason: str = "",
    findings: str = "",
    approved_amount: Decimal | None = None,
    failure: dict[str, str] | None = None,
    feedback: str = "",
) -> WorkOrder:
    """transition() of the work order numbered `number` at one of the actor's sites, found
    and locked in one query (NotFound when there is none there)."""
    with transaction.atomic():
        wo = WorkOrder.objects.locked_by_number(number, site_ids=actor.site_ids())
        _known_status(to)
        extras = _extras(wo.site_id, approved_amount, failure, feedback)
        return _move(wo, to, actor, reason, findings, extras)


def recheck_approval(wo: WorkOrder, *, cause: str) -> WorkOrder:
    """After the estimate of `wo` (locked by the caller) changed: approved work not yet
    started whose estimate now exceeds the approved amount plus the allowed variance goes
    to WL (system), as the table's → WL row says; otherwise nothing happens."""
    rules = [r for r in lifecycle.rules_between(wo.status, Status.WL) if r.system]
    if not rules or _problems(rules[0], Move(wo, Status.WL, SYSTEM)):
        return wo
    return _move(
        wo,
        Status.WL,
        SYSTEM,
        f"estimate {wo.estimated_cost} above the approved {wo.approved_amount} plus "
        f"{wo.site.allowed_variance_pct}% ({approval_ceiling(wo):.2f}) after {cause}",
        "",
        _Extras(),
    )


class _Extras:
    """What a person gave with the move besides the status, checked."""

    def __init__(
        self,
        approved_amount: Decimal | None = None,
        failure: dict[str, CodeValue] | None = None,
        feedback: str = "",
    ) -> None:
        self.approved_amount = approved_amount
        self.failure = failure or {}
        self.feedback = feedback


def _extras(
    site_id: int, amount: Decimal | None, failure: dict[str, str] | None, feedback: str
) -> _Extras:
    errors: list[FieldError] = []
    if amount is not None and (not amount.is_finite() or amount < 0):
        errors.append(FieldError("approved_amount", f"must be 0 or more; got {amount}"))
    chosen: dict[str, CodeValue] = {}
    if failure:
        book = CodingBook.for_site(site_id)
        for key, abbreviation in failure.items():
            if key not in FAILURE_KEYS:
                errors.append(FieldError(key, f"failure coding is {', '.join(FAILURE_KEYS)}"))
                continue
            value = book.resolve(key, str(abbreviation))
            if isinstance(value, FieldError):
                errors.append(value)
            else:
                chosen[key] = value
    feedback = (feedback or "").strip()
    if len(feedback) > MAX_FEEDBACK:
        errors.append(FieldError("feedback", f"at most {MAX_FEEDBACK} characters"))
    if errors:
        raise ValidationFailed.collect(errors, "the move")
    return _Extras(amount, chosen, feedback)


def _known_status(to: str) -> None:
    if to not in Status.values:
        raise ValidationFailed(
            f"unknown status {to!r}",
            errors=[FieldError("to", f"allowed: {', '.join(Status.values)}")],
        )


def _unused_extras(rule: Rule, extras: _Extras) -> None:
    """An extra the move does not record is refused rather than silently dropped."""
    errors = []
    if extras.approved_amount is not None and not lifecycle.records_amount(rule):
        errors.append(FieldError("approved_amount", "recorded only when approving"))
    if extras.failure and effects.record_failure_coding not in rule.effects:
        errors.append(FieldError("failure", "recorded only at physical completion (CO)"))
    if extras.feedback and lifecycle.record_job_plan_feedback not in rule.effects:
        errors.append(FieldError("feedback", "recorded only when closing (CL)"))
    if errors:
        raise ValidationFailed.collect(errors, f"the move to {rule.to}")


def _move(
    wo: WorkOrder, to: str, actor: User | System, reason: str, findings: str, extras: _Extras
) -> WorkOrder:
    fired, move = checked_move(wo, to, actor, reason, findings, extras)
    now = clock.now()
    frm = wo.status
    wo.status, wo.status_changed_at = to, now
    event = write_event(wo, frm, to, actor, move.reason, now)
    for effect in fired.effects:
        effect(move, event)
    save_changed(wo, user_id=None if isinstance(actor, System) else actor.pk)
    work_order_transitioned.send(sender=WorkOrder, work_order=wo, event=event)
    as_stored(wo)
    return wo


def checked_move(
    wo: WorkOrder,
    to: str,
    actor: User | System,
    reason: str,
    findings: str = "",
    extras: _Extras | None = None,
) -> tuple[Rule, Move]:
    """The rule that fires for moving `wo` (locked) to `to`, and the move its guards passed;
    Conflict / NotAllowed as `transition()` says when none may."""
    extras = extras or _Extras()
    frm = wo.status
    rules = lifecycle.rules_between(frm, to)
    if not rules:
        allowed = lifecycle.next_statuses(frm)
        raise Conflict(
            f"{wo.number} is {frm} ({Status(frm).label}) and cannot go to {to}; "
            f"allowed next: {', '.join(allowed) or 'none (final status)'}",
            status=frm,
            allowed=allowed,
        )
    permitted = [r for r in rules if lifecycle.may_make(r, actor)]
    if not permitted:
        if isinstance(actor, System):
            raise Conflict(
                f"{frm} → {to} is never automatic",
                status=frm,
                allowed=lifecycle.next_statuses(frm),
            )
        needed = " or ".join(lifecycle.roles_needed(rules)) or "an approver"
        raise NotAllowed(f"moving {frm} → {to} needs the {needed} role; you are {actor.role_label}")
    move = Move(
        wo,
        to,
        actor,
        reason=(reason or "").strip(),
        findings=(findings or "").strip(),
        approved_amount=extras.approved_amount,
        failure=extras.failure,
        feedback=extras.feedback,
    )
    problems: list[str] = []
    fired = permitted[0]
    for rule in permitted:
        fired, problems = rule, _problems(rule, move)
        if not problems:
            break
    if problems:
        raise Conflict(
            f"{wo.number} cannot go {frm} → {to}: " + "; ".join(problems),
            status=frm,
            allowed=lifecycle.next_statuses(frm),
        )
    _unused_extras(fired, extras)
    return fired, move


def _problems(rule: Rule, move: Move) -> list[str]:
    problems = []
    if rule.reason_required and not move.reason:
        problems.append(f"a reason is required to go to {rule.to} ({Status(rule.to).label})")
    for guard in rule.guards:
        problem = guard(move)
        if problem:
            problems.append(problem)
    return problems
