"""The spec's work order statuses (WO – Status), their definitions and named groups."""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    WR = "WR", "Work requested"
    WA = "WA", "Waiting approval"
    BL = "BL", "In the backlog"
    PL = "PL", "In planning"
    WL = "WL", "Waiting for re-approval"
    WM = "WM", "Waiting for materials"
    RS = "RS", "Ready to schedule"
    SC = "SC", "Scheduled"
    IP = "IP", "In progress"
    CO = "CO", "Physically complete"
    CL = "CL", "Closed"
    CA = "CA", "Cancelled"
    RJ = "RJ", "Rejected"


# The spec's definition and process effect of each status (seeds/003, WO – Status).
DEFINITIONS: dict[str, tuple[str, str]] = {
    "WR": (
        "Not yet reviewed by operating and maintenance supervision",
        "The work order number should be assigned automatically when the request is entered "
        "in the maintenance computer system",
    ),
    "WA": (
        "The work request has been reviewed by operating and maintenance supervision, has "
        "been given a preliminary scope and estimate by the planner and has been sent for "
        "approval",
        "Automatic approval routing based on equipment number (which identifies the cost "
        "centre and the approval route) and the estimated cost",
    ),
    "BL": ("Approved in principle and in the backlog awaiting planning", ""),
    "PL": (
        "Detailed planning is in progress or some commitment for materials has been made",
        "The change to this status can be automatic as soon as the first purchase "
        "requisition against the work order is approved",
    ),
    "WL": (
        "Detailed planning has identified that the cost will exceed the amount initially approved",
        "This should be automatic, based on the allowed variance",
    ),
    "WM": ("There is some outstanding material required for the work", "See RS"),
    "RS": (
        "All materials are on site and all maintenance equipment is available",
        "The change to this status should be automatic, as soon as the last direct purchase "
        "item is received and the quantity on hand for required stock materials covers the "
        "work order requirements",
    ),
    "SC": (
        "The work order has been added to a formal schedule",
        "The change to this status should be automatic, if scheduling is performed in the "
        "maintenance computer system",
    ),
    "IP": (
        "Some labor has been charged to the work order",
        "The change to this status should be automatic if labour costs are charged to work orders",
    ),
    "CO": (
        "No further material or labor costs will be incurred",
        "The tradesperson or his supervisor should have authority to use this code when "
        "their section of the work is complete",
    ),
    "CA": ("Cancelled", "The originator and prior approvers should be advised"),
    "CL": (
        "Closed",
        "A formal work order closing process should be established. It is recommended that "
        "the use of this code be limited to planners. The originator should be advised. The "
        "system should have a built-in delay to allow for payment of invoices, etc.",
    ),
    "RJ": ("Rejected", "The originator and prior approvers should be advised"),
}

# Named groups usable wherever a list of statuses is accepted (status=open, status=backlog).
GROUPS: dict[str, tuple[str, ...]] = {
    "requested": ("WR", "WA"),
    "backlog": ("BL", "PL", "WL", "WM", "RS", "SC"),
    "ready": ("RS",),
    "active": ("IP",),
    "open": ("WR", "WA", "BL", "PL", "WL", "WM", "RS", "SC", "IP", "CO"),
    "closed": ("CL", "CA", "RJ"),
}
TERMINAL: frozenset[str] = frozenset(GROUPS["closed"])


def expand(tokens: list[str]) -> list[str]:
    """Status abbreviations and group names → the status abbreviations, in order, once each.

    Raises ValueError naming what is allowed when a token is neither.
    """
    out: list[str] = []
    for token in tokens:
        token = token.strip()
        if not token:
            continue
        found = GROUPS.get(token.lower()) or (
            (token.upper(),) if token.upper() in Status.values else None
        )
        if found is None:
            raise ValueError(
                f"unknown status {token!r}; allowed: {', '.join(Status.values)} "
                f"or a group: {', '.join(GROUPS)}"
            )
        out.extend(s for s in found if s not in out)
    return out
