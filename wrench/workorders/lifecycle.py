"""The work order lifecycle: every allowed transition, who may make it, its guards and effects.

Read the TABLE top to bottom; it is the product's rule book (DESIGN.md). A row names the
statuses it leaves from, the status it goes to, the permission a person needs (held by the
roles listed, which an admin may widen), whether the system may make it by itself as a
process effect, whether a reason is required, the guards that must hold and the effects
that run when it fires. `services.transition()` is the one way a row fires: it checks the
guards, writes the status and the event, then calls the row's effects in the order listed,
in the same transaction. Nothing else reacts to a move: no signal receiver holds business
flow. `docs/lifecycle.md` is generated from this table (`wrench lifecycle_doc`).

Guards and effects of apps above `workorders` (approval routing, stock, notifications,
planning) are named by dotted path with `later(...)`: the row shows them, and `workorders`
imports nothing above it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.module_loading import import_string

from wrench.workorders import effects as wo_effects
from wrench.workorders import guards as wo_guards
from wrench.workorders.status import Status

if TYPE_CHECKING:
    from wrench.accounts.models import User
    from wrench.coding.models import CodeValue
    from wrench.workorders.models import WorkOrder, WorkOrderEvent


class System:
    """The actor of automatic transitions (process effects), not a person."""

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = System()


@dataclass
class Move:
    """What the transition service knows while checking one move, and what its effects get:
    the extras a person gives with a move (findings, failure coding, approved amount, the
    closing feedback) travel here, checked before the row is locked."""

    work_order: WorkOrder
    to: str
    actor: User | System
    reason: str = ""
    findings: str = ""
    approved_amount: Decimal | None = None
    failure: dict[str, CodeValue] = field(default_factory=dict)
    feedback: str = ""

    @property
    def by_system(self) -> bool:
        return isinstance(self.actor, System)

    @property
    def person(self) -> User:
        """The person making the move (only asked of moves a person makes)."""
        assert not isinstance(self.actor, System)
        return self.actor

    @property
    def amount_to_approve(self) -> Decimal:
        """The amount given with an approval, or else the current estimate."""
        if self.approved_amount is not None:
            return self.approved_amount
        return self.work_order.estimated_cost


# A guard returns None when the move may go ahead, or a sentence saying why not.
Guard = Callable[[Move], "str | None"]
# An effect does what the row says happens (see workorders/effects.py for when it runs).
Effect = Callable[[Move, "WorkOrderEvent"], None]


@functools.cache
def _resolve(path: str) -> Callable[..., Any]:
    return import_string(path)


@dataclass(frozen=True)
class Later:
    """A guard or effect of an app above `workorders`, named by its dotted path and imported
    on first use (a test holds every path importable)."""

    path: str

    def __call__(self, *args: Any) -> Any:
        return _resolve(self.path)(*args)

    @property
    def target(self) -> Callable[..., Any]:
        return _resolve(self.path)


def later(path: str) -> Later:
    return Later(path)


def step_name(step: Callable[..., Any]) -> str:
    """`app.function` of a guard or effect, as the table and docs/lifecycle.md show it."""
    target = step.target if isinstance(step, Later) else step
    app = target.__module__.split(".")[1]
    return f"{app}.{target.__name__}"


def step_doc(step: Callable[..., Any]) -> str:
    """The first sentence of a guard's or effect's docstring: what it checks or does."""
    target = step.target if isinstance(step, Later) else step
    return " ".join((target.__doc__ or "").strip().split("\n\n")[0].split())


@dataclass(frozen=True)
class Rule:
    sources: tuple[str, ...]
    to: str
    permission: str  # codename in the workorders app
    roles: tuple[str, ...]  # the roles holding `permission` by default (for messages)
    system: bool = False  # the system may make this move as a process effect
    reason_required: bool = False
    guards: tuple[Guard, ...] = ()
    effects: tuple[Effect, ...] = ()
    what: str = ""


S = Status
OPEN_BEFORE_WORK = (S.WR, S.WA, S.BL, S.PL, S.WL, S.WM, S.RS, S.SC)
# Approved work not yet started: a rise of its estimate past the approved amount plus the
# allowed variance sends it back for re-approval (WL), whatever path raised it.
APPROVED_NOT_STARTED = (S.BL, S.PL, S.WM, S.RS, S.SC)
SUP, PLA, SCH, TEC, MAN, REQ = (
    "supervisor",
    "planner",
    "scheduler",
    "technician",
    "manager",
    "requester",
)
ORIGINATOR = (REQ, SUP, PLA, SCH, TEC, MAN, "admin")  # whoever raised the request

g, fx = wo_guards, wo_effects
# Guards and effects of the apps above workorders.
routed_approver = later("wrench.approvals.routing.routed_approver")
route_for_approval = later("wrench.approvals.effects.route_for_approval")
record_decision = later("wrench.approvals.effects.record_decision")
materials_on_hand = later("wrench.materials.readiness.materials_on_hand")
issue_reserved_stock = later("wrench.materials.effects.issue_reserved_stock")
release_reserved_stock = later("wrench.materials.effects.release_reserved_stock")
record_job_plan_feedback = later("wrench.planning.effects.record_job_plan_feedback")
advise_approvers = later("wrench.notifications.effects.advise_approvers")
advise_originator = later("wrench.notifications.effects.advise_originator")
take_off_schedule = later("wrench.scheduling.effects.take_off_schedule")
release_later_days = later("wrench.scheduling.effects.release_later_days")

TABLE: tuple[Rule, ...] = (
    Rule(
        (S.WR,),
        S.WA,
        "review_request",
        (SUP,),
        guards=(g.coded_for_approval, g.not_emergency),
        effects=(route_for_approval, advise_approvers),
        what="reviewed, scoped and estimated; sent for approval",
    ),
    Rule(
        (S.WR,),
        S.BL,
        "review_request",
        (SUP,),
        system=True,
        guards=(g.coded_for_approval, g.within_own_limit, g.generated_by_system),
        effects=(fx.record_approved_amount,),
        what="approved by the supervisor within their own approval limit; preventive work a "
        "PM plan raised enters the backlog by itself (the plan is its approval)",
    ),
    Rule(
        (S.WR,),
        S.IP,
        "start_emergency",
        (TEC, SUP),
        system=True,
        guards=(g.emergency_only,),
        what="emergency: approval bypassed, work starts at once",
    ),
    Rule(
        (S.WR,),
        S.RJ,
        "review_request",
        (SUP,),
        reason_required=True,
        effects=(release_reserved_stock, advise_originator),
        what="rejected at review; originator advised",
    ),
    Rule(
        (S.WA,),
        S.RJ,
        "approve_workorder",
        (SUP, MAN),
        reason_required=True,
        guards=(routed_approver,),
        effects=(record_decision, release_reserved_stock, advise_originator),
        what="rejected by the approver; originator and prior approvers advised",
    ),
    Rule(
        (S.WA,),
        S.BL,
        "approve_workorder",
        (SUP, MAN),
        guards=(routed_approver, g.within_own_limit),
        effects=(fx.record_approved_amount, record_decision),
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
        system=True,
        guards=(g.within_approved_amount, materials_on_hand, g.generated_by_system),
        what="nothing outstanding: ready to schedule (by itself for PM work whose plan says so)",
    ),
    Rule(
        APPROVED_NOT_STARTED,
        S.WL,
        "plan_workorder",
        (),
        system=True,
        guards=(g.over_allowed_variance,),
        effects=(route_for_approval, take_off_schedule, advise_approvers),
        what="estimate above the approved amount plus the allowed variance",
    ),
    Rule(
        (S.WL,),
        S.PL,
        "approve_workorder",
        (SUP, MAN),
        guards=(routed_approver, g.within_own_limit),
        effects=(fx.record_approved_amount, record_decision),
        what="re-approved by the routed approver; new approved amount recorded",
    ),
    Rule((S.PL,), S.WM, "plan_workorder", (PLA,), system=True, what="material outstanding"),
    Rule(
        (S.WM,),
        S.RS,
        "plan_workorder",
        (PLA,),
        system=True,
        guards=(g.within_approved_amount, materials_on_hand),
        what="last material received and on hand",
    ),
    Rule((S.RS,), S.SC, "schedule_workorder", (SCH,), system=True, what="put on a schedule"),
    Rule(
        (S.SC,),
        S.RS,
        "schedule_workorder",
        (SCH,),
        effects=(take_off_schedule,),
        what="taken off the schedule",
    ),
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
        guards=(g.findings_recorded, g.coded_for_approval),
        effects=(
            fx.record_completion,
            fx.record_failure_coding,
            issue_reserved_stock,
            release_later_days,
        ),
        what="physically complete, findings and failure coding recorded",
    ),
    Rule(
        (S.CO,),
        S.IP,
        "reopen_work",
        (SUP,),
        reason_required=True,
        effects=(fx.clear_completion,),
        what="reopened: more work needed",
    ),
    Rule(
        (S.CO,),
        S.CL,
        "close_workorder",
        (PLA,),
        guards=(g.closing_delay_passed,),
        effects=(fx.record_closing, record_job_plan_feedback, advise_originator),
        what="closed after the closing delay; job plan feedback kept; originator advised",
    ),
    Rule(
        OPEN_BEFORE_WORK,
        S.CA,
        "cancel_workorder",
        (PLA, SUP),
        reason_required=True,
        effects=(record_decision, release_reserved_stock, take_off_schedule, advise_originator),
        what="cancelled; originator and prior approvers advised",
    ),
    Rule(
        (S.WR,),
        S.CA,
        "cancel_own_request",
        ORIGINATOR,
        reason_required=True,
        guards=(g.own_request,),
        effects=(release_reserved_stock, advise_originator),
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


def records_amount(rule: Rule) -> bool:
    return fx.record_approved_amount in rule.effects


# --- what a person may do now (the buttons of the work order page) --------------------

# Guards the person satisfies with what they type beside the button (the findings).
_ASKED_WITH_BUTTON: tuple[Guard, ...] = (g.findings_recorded,)
# Guards that, when they fail, mean the move is not this person's to make at all here: the
# page leaves the button out instead of showing it disabled.
_NOT_THEIRS: tuple[Guard, ...] = (
    g.own_request,
    g.emergency_only,
    g.not_emergency,
    g.over_allowed_variance,
)


@dataclass(frozen=True)
class Option:
    """One move a person may make from the current status, or why they cannot yet."""

    to: str
    what: str
    reason_required: bool
    asks_findings: bool
    asks_amount: bool
    asks_failure: bool = False  # the failure coding (problem, cause, remedy)
    asks_feedback: bool = False  # feedback for the job plans used
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
            failing = [gd for gd in rule.guards if gd not in _ASKED_WITH_BUTTON and gd(move)]
            if failing and all(gd in _NOT_THEIRS for gd in failing):
                continue
            option = Option(
                to=to,
                what=rule.what,
                reason_required=rule.reason_required,
                asks_findings=g.findings_recorded in rule.guards,
                asks_amount=records_amount(rule),
                asks_failure=fx.record_failure_coding in rule.effects,
                asks_feedback=record_job_plan_feedback in rule.effects,
                blocked="; ".join(filter(None, (gd(move) for gd in failing))),
            )
            if not option.blocked:
                chosen = option
                break
            chosen = chosen or option
        if chosen is not None:
            options.append(chosen)
    return options
