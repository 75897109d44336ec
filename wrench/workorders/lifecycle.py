"""The work order lifecycle: every allowed transition, who may make it, and its guards.

Read the TABLE top to bottom; it is the product's rule book (DESIGN.md). A row names the
statuses it leaves from, the status it goes to, the permission a person needs (held by the
roles listed, which an admin may widen), whether the system may make it by itself as a
process effect, whether a reason is required, and the guards that must hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from wrench.coding.models import EffectKey, Requirement
from wrench.core import clock
from wrench.workorders.status import Status

if TYPE_CHECKING:
    from wrench.accounts.models import User
    from wrench.workorders.models import WorkOrder


class System:
    """The actor of automatic transitions (process effects), not a person."""

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = System()


@dataclass
class Move:
    """What the transition service knows while checking one move."""

    work_order: WorkOrder
    to: str
    actor: User | System
    reason: str = ""
    findings: str = ""
    approved_amount: Decimal | None = None

    @property
    def by_system(self) -> bool:
        return isinstance(self.actor, System)


# A guard returns None when the move may go ahead, or a sentence saying why not.
Guard = Callable[[Move], "str | None"]


def _amount(move: Move) -> Decimal:
    return (
        move.approved_amount if move.approved_amount is not None else move.work_order.estimated_cost
    )


def emergency_only(move: Move) -> str | None:
    urgency = move.work_order.urgency
    if urgency is not None and urgency.has_effect(EffectKey.BYPASS_APPROVAL):
        return None
    got = f"{urgency.abbreviation} ({urgency.value})" if urgency else "none"
    return f"only emergency work may start straight from a request; urgency is {got}"


def coded_for_approval(move: Move) -> str | None:
    from wrench.coding.book import CodingBook
    from wrench.workorders.coding import chosen_values

    wo = move.work_order
    book = CodingBook.for_site(wo.site_id, version=wo.site.coding_version)
    missing = book.missing(chosen_values(wo, book), Requirement.BEFORE_APPROVAL)
    if missing:
        return "coding incomplete: " + "; ".join(e.message for e in missing)
    return None


def within_own_limit(move: Move) -> str | None:
    if move.by_system:
        return None
    actor = move.actor
    assert not isinstance(actor, System)
    amount = _amount(move)
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


def over_allowed_variance(move: Move) -> str | None:
    wo = move.work_order
    approved = wo.approved_amount or Decimal(0)
    ceiling = approved * (1 + wo.site.allowed_variance_pct / Decimal(100))
    if wo.estimated_cost > ceiling:
        return None
    return (
        f"the estimate {wo.estimated_cost} is within the approved {approved} plus "
        f"{wo.site.allowed_variance_pct}% ({ceiling:.2f}); re-approval is not needed"
    )


def routed_approver(move: Move) -> str | None:
    """Approval routing (approvals app): only the approver the routing rule named decides."""
    from wrench.approvals.routing import check_routed_approver

    return check_routed_approver(move)


# Readiness checks that other apps register (materials: nothing outstanding). Each returns
# None or the sentence saying what is outstanding.
READINESS_CHECKS: list[Guard] = []


def nothing_outstanding(move: Move) -> str | None:
    for check in READINESS_CHECKS:
        problem = check(move)
        if problem:
            return problem
    return None


def findings_recorded(move: Move) -> str | None:
    if (move.findings or move.work_order.findings).strip():
        return None
    return "record the findings (what was found and done) before marking physically complete"


def closing_delay_passed(move: Move) -> str | None:
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
    if not move.by_system and move.work_order.requester_id == getattr(move.actor, "pk", None):
        return None
    return "a requester may cancel only their own requests"


@dataclass(frozen=True)
class Rule:
    sources: tuple[str, ...]
    to: str
    permission: str  # codename in the workorders app
    roles: tuple[str, ...]  # the roles holding `permission` by default (for messages)
    system: bool = False  # the system may make this move as a process effect
    reason_required: bool = False
    guards: tuple[Guard, ...] = field(default=())
    what: str = ""


S = Status
OPEN_BEFORE_WORK = (S.WR, S.WA, S.BL, S.PL, S.WL, S.WM, S.RS, S.SC)
SUP, PLA, SCH, TEC, MAN, REQ = (
    "supervisor",
    "planner",
    "scheduler",
    "technician",
    "manager",
    "requester",
)
ORIGINATOR = (REQ, SUP, PLA, SCH, TEC, MAN, "admin")  # whoever raised the request

TABLE: tuple[Rule, ...] = (
    Rule(
        (S.WR,),
        S.WA,
        "review_request",
        (SUP,),
        guards=(coded_for_approval,),
        what="reviewed, scoped and estimated; sent for approval",
    ),
    Rule(
        (S.WR,),
        S.BL,
        "review_request",
        (SUP,),
        guards=(coded_for_approval, within_own_limit),
        what="approved by the supervisor within their own approval limit",
    ),
    Rule(
        (S.WR,),
        S.IP,
        "start_emergency",
        (TEC, SUP),
        system=True,
        guards=(emergency_only,),
        what="emergency: approval bypassed, work starts at once",
    ),
    Rule(
        (S.WR,),
        S.RJ,
        "review_request",
        (SUP,),
        reason_required=True,
        what="rejected at review; originator advised",
    ),
    Rule(
        (S.WA,),
        S.RJ,
        "approve_workorder",
        (MAN,),
        reason_required=True,
        guards=(routed_approver,),
        what="rejected by the approver; originator advised",
    ),
    Rule(
        (S.WA,),
        S.BL,
        "approve_workorder",
        (MAN,),
        guards=(routed_approver, within_own_limit),
        what="approved by the routed approver; approved amount recorded",
    ),
    Rule(
        (S.BL,),
        S.PL,
        "plan_workorder",
        (PLA,),
        system=True,
        what="planning starts (automatic at the first approved purchase requisition)",
    ),
    Rule(
        (S.BL, S.PL),
        S.RS,
        "plan_workorder",
        (PLA,),
        guards=(nothing_outstanding,),
        what="nothing outstanding: ready to schedule",
    ),
    Rule(
        (S.PL,),
        S.WL,
        "plan_workorder",
        (),
        system=True,
        guards=(over_allowed_variance,),
        what="estimate above the approved amount plus the allowed variance",
    ),
    Rule(
        (S.WL,),
        S.PL,
        "approve_workorder",
        (MAN,),
        guards=(routed_approver, within_own_limit),
        what="re-approved by the routed approver; new approved amount recorded",
    ),
    Rule((S.PL,), S.WM, "plan_workorder", (PLA,), system=True, what="material outstanding"),
    Rule(
        (S.WM,),
        S.RS,
        "plan_workorder",
        (PLA,),
        system=True,
        guards=(nothing_outstanding,),
        what="last material received and on hand",
    ),
    Rule((S.RS,), S.SC, "schedule_workorder", (SCH,), system=True, what="put on a schedule"),
    Rule((S.SC,), S.RS, "schedule_workorder", (SCH,), what="taken off the schedule"),
    Rule(
        (S.RS, S.SC),
        S.IP,
        "start_work",
        (TEC,),
        system=True,
        what="work starts (automatic at the first labour charged)",
    ),
    Rule(
        (S.IP,),
        S.CO,
        "complete_work",
        (TEC, SUP),
        guards=(findings_recorded, coded_for_approval),
        what="physically complete, findings recorded",
    ),
    Rule(
        (S.CO,),
        S.IP,
        "reopen_work",
        (SUP,),
        reason_required=True,
        what="reopened: more work needed",
    ),
    Rule(
        (S.CO,),
        S.CL,
        "close_workorder",
        (PLA,),
        guards=(closing_delay_passed,),
        what="closed after the closing delay; originator advised",
    ),
    Rule(
        OPEN_BEFORE_WORK,
        S.CA,
        "cancel_workorder",
        (PLA, SUP),
        reason_required=True,
        what="cancelled; originator advised",
    ),
    Rule(
        (S.WR,),
        S.CA,
        "cancel_own_request",
        ORIGINATOR,
        reason_required=True,
        guards=(own_request,),
        what="the requester withdraws their own request",
    ),
)


def rules_between(frm: str, to: str) -> list[Rule]:
    return [r for r in TABLE if frm in r.sources and r.to == to]


def next_statuses(frm: str) -> list[str]:
    """Every status reachable from `frm` by anyone, in the spec's order."""
    reachable = {r.to for r in TABLE if frm in r.sources}
    return [s for s in Status.values if s in reachable]


def may_make(rule: Rule, actor: User | System) -> bool:
    if isinstance(actor, System):
        return rule.system
    return actor.has_perm(f"workorders.{rule.permission}")


def roles_needed(rules: Iterable[Rule]) -> list[str]:
    seen: list[str] = []
    for rule in rules:
        seen.extend(r for r in rule.roles if r not in seen)
    return seen


# --- what a person may do now (the buttons of the work order page) --------------------

# Guards the person satisfies with what they type beside the button (the findings).
_ASKED_WITH_BUTTON: tuple[Guard, ...] = (findings_recorded,)
# Guards that, when they fail, mean the move is not this person's to make at all here: the
# page leaves the button out instead of showing it disabled.
_NOT_THEIRS: tuple[Guard, ...] = (own_request, emergency_only, over_allowed_variance)


@dataclass(frozen=True)
class Option:
    """One move a person may make from the current status, or why they cannot yet."""

    to: str
    what: str
    reason_required: bool
    asks_findings: bool
    asks_amount: bool
    blocked: str = ""  # empty: may be made now; else the sentence saying why not


def options_for(wo: WorkOrder, actor: User) -> list[Option]:
    """The moves `actor` may make on `wo` now (blocked ones carry the guard's sentence).

    Moves whose failing guard means "not yours here" (someone else's request, a non-emergency
    start from WR) are left out, so a page shows exactly the buttons this person may press.
    """
    options: list[Option] = []
    for to in next_statuses(wo.status):
        chosen: Option | None = None
        for rule in rules_between(wo.status, to):
            if not may_make(rule, actor):
                continue
            move = Move(wo, to, actor, reason="(asked)", findings="(asked)")
            failing = [g for g in rule.guards if g not in _ASKED_WITH_BUTTON and g(move)]
            if failing and all(g in _NOT_THEIRS for g in failing):
                continue
            option = Option(
                to=to,
                what=rule.what,
                reason_required=rule.reason_required,
                asks_findings=findings_recorded in rule.guards,
                asks_amount=to == Status.BL or (wo.status == Status.WL and to == Status.PL),
                blocked="; ".join(filter(None, (g(move) for g in failing))),
            )
            if not option.blocked:
                chosen = option
                break
            chosen = chosen or option
        if chosen is not None:
            options.append(chosen)
    return options
