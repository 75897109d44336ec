"""What the work order pages share: finding a work order, its buttons, its timeline."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest

from wrench.accounts.models import User
from wrench.assets.models import Asset, Crew, Trade
from wrench.coding.book import CodingBook
from wrench.coding.failure import FAILURE_KEYS
from wrench.coding.models import CodeValue
from wrench.core.errors import DomainError
from wrench.workorders import lifecycle
from wrench.workorders.models import WorkOrder
from wrench.workorders.status import Status
from wrench.workorders.words import label_of, sentence

# What each button says, by target status (and, where it differs, by where it leaves from).
LABELS = {
    "WA": "Send for approval",
    "BL": "Approve into backlog",
    "RJ": "Reject",
    "PL": "Start planning",
    "WL": "Needs re-approval",
    "WM": "Waiting for materials",
    "RS": "Ready to schedule",
    "SC": "Put on schedule",
    "IP": "Start work",
    "CO": "Mark complete",
    "CL": "Close",
    "CA": "Cancel",
}
FROM_LABELS = {
    ("WR", "IP"): "Start emergency work",
    ("CO", "IP"): "Reopen",
    ("WL", "PL"): "Re-approve",
    ("SC", "RS"): "Take off schedule",
}
STYLES = {"RJ": "danger", "CA": "danger secondary", "CO": "go", "BL": "go", "CL": "go"}


def user_of(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def visible_work_order(request: HttpRequest, number: str) -> WorkOrder:
    wo = WorkOrder.objects.visible_to(user_of(request)).with_coding().filter(number=number).first()
    if wo is None:
        raise Http404(f"no work order {number} at your sites")
    return wo


def message_of(error: DomainError, book: CodingBook | None = None) -> str:
    """The sentence to show: the detail plus each field's message under its label."""
    return sentence(error, book)


@dataclass
class Button:
    """One transition form: the option, what the person typed, and what went wrong."""

    option: lifecycle.Option
    label: str
    style: str
    reason: str = ""
    findings: str = ""
    amount: str = ""
    error: str = ""
    # Completion (CO): the failure coding, [(key, name, values, chosen)]; closing: feedback.
    failure: list[Any] = field(default_factory=list)
    feedback: str = ""


def buttons_for(
    wo: WorkOrder, user: User, *, typed: dict[str, str] | None = None, error: str = ""
) -> list[Button]:
    typed = typed or {}
    buttons = []
    for option in lifecycle.options_for(wo, user):
        mine = typed.get("to") == option.to
        failure = []
        if option.asks_failure:
            book = CodingBook.for_site(wo.site_id)
            failure = [
                (key, book.characteristics[key], book.active_values(key), typed.get(key, ""))
                for key in FAILURE_KEYS
                if key in book.characteristics
            ]
        buttons.append(
            Button(
                option=option,
                label=FROM_LABELS.get((wo.status, option.to), LABELS.get(option.to, option.to)),
                style=STYLES.get(option.to, ""),
                reason=typed.get("reason", "") if mine else "",
                findings=typed.get("findings", wo.findings) if mine else wo.findings,
                amount=typed.get("approved_amount", "") if mine else "",
                error=error if mine else "",
                failure=failure,
                feedback=typed.get("feedback", "") if mine else "",
            )
        )
    return buttons


@dataclass
class Entry:
    at: Any
    kind: str  # event | change | comment | file
    who: str
    text: str
    lines: list[str] = field(default_factory=list)


_NOT_SHOWN = {"status", "status_changed_at", "seq", "number", "created_at", "completed_at"}


def timeline(wo: WorkOrder, book: CodingBook) -> list[Entry]:
    """Lifecycle events, field changes (simple-history), comments and files attached or
    removed (a removed file keeps its row: who removed it and when), oldest first."""
    entries = [
        Entry(
            e.at,
            "event",
            e.actor.username if e.actor else "system",
            f"{e.from_status or 'new'} → {e.to_status} ({Status(e.to_status).label})",
            [e.reason] if e.reason else [],
        )
        for e in wo.events.select_related("actor")
    ]
    entries += [
        Entry(c.created_at, "comment", c.author.username, "commented", [c.text])
        for c in wo.comments.select_related("author")
    ]
    for a in wo.attachments.select_related("uploaded_by", "deleted_by"):
        entries.append(Entry(a.uploaded_at, "file", a.uploaded_by.username, f"attached {a.name}"))
        if a.deleted_at is not None:
            who = a.deleted_by.username if a.deleted_by else "system"
            entries.append(Entry(a.deleted_at, "file", who, f"removed {a.name}"))
    records = list(wo.history.select_related("history_user").order_by("history_date", "pk"))
    names: dict[str, dict[Any, str]] = {
        "asset": dict(Asset.objects.filter(site_id=wo.site_id).values_list("id", "code")),
        "trade": dict(Trade.objects.filter(site_id=wo.site_id).values_list("id", "code")),
        "crew": dict(Crew.objects.filter(site_id=wo.site_id).values_list("id", "code")),
        "assigned_to": dict(User.objects.filter(sites=wo.site_id).values_list("id", "username")),
    }

    def shown(name: str, value: Any) -> str:
        if value in (None, ""):
            return "—"
        if name in names:
            return names[name].get(value, str(value))
        code = book.by_id.get(value) if name in book.characteristics else None
        if isinstance(code, CodeValue):
            return f"{code.abbreviation} ({code.value})"
        if isinstance(value, Decimal):
            return f"{value:.2f}"
        return str(value)

    for old, new in itertools.pairwise(records):
        delta = new.diff_against(old)
        lines = [
            f"{label_of(c.field, book)}: {shown(c.field, c.old)} → {shown(c.field, c.new)}"
            for c in delta.changes
            if c.field not in _NOT_SHOWN
        ]
        if lines:
            who = new.history_user.username if new.history_user else "system"
            entries.append(Entry(new.history_date, "change", who, "changed", lines))
    entries.sort(key=lambda e: (e.at, {"event": 0, "change": 1, "comment": 2, "file": 3}[e.kind]))
    return entries
