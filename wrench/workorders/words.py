"""What a person reads on a page: a field's label, not its name in the code or the API.

The API keeps field names (a program reads them); pages say "Estimated cost", not
`estimated_cost`, and a characteristic by its name in the site's coding ("WO – Reason").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wrench.coding.book import CodingBook
    from wrench.core.errors import DomainError

LABELS = {
    "q": "Text or number",
    "title": "Title",
    "description": "Description",
    "asset": "Asset",
    "location": "Location",
    "needed_by": "Needed by",
    "priority": "Priority rating",
    "consequence": "Consequence",
    "probability": "Probability",
    "estimated_hours": "Estimated hours",
    "estimated_cost": "Estimated cost",
    "approved_amount": "Approved amount",
    "project_number": "Project number",
    "trade": "Trade",
    "crew": "Crew",
    "assigned_to": "Assigned to",
    "requester": "Requested by",
    "status": "Status",
    "site": "Site",
    "area": "Area",
    "cost_centre": "Cost centre",
    "sort": "Sort",
    "reason": "Reason",
    "findings": "Findings",
    "feedback": "Feedback",
    "requested_from": "Requested from",
    "requested_to": "Requested to",
    "needed_from": "Needed from",
    "needed_to": "Needed to",
    "completed_from": "Completed from",
    "completed_to": "Completed to",
    "legacy_number": "Legacy number",
    "file": "File",
}


def label_of(name: str, book: CodingBook | None = None) -> str:
    """The label a person knows a field by: the characteristic's name in the site's coding,
    the form's label, or the name said in words."""
    if book is not None and name in book.characteristics:
        return book.characteristics[name].name
    return LABELS.get(name, name.replace("_", " ").capitalize())


def field_errors(error: DomainError, book: CodingBook | None = None) -> dict[str, str]:
    """Each field's message, keyed by field name (to place it beside the field)."""
    return {e.field: e.message for e in error.errors}


def page_detail(error: DomainError, book: CodingBook | None = None) -> str:
    """The error's sentence with labels where the API names fields:
    "… was not saved: check asset, estimated_cost" → "… was not saved: check Asset,
    Estimated cost"."""
    detail = error.detail
    head, marker, listed = detail.rpartition("check ")
    names = {e.field for e in error.errors}
    fields = listed.split(", ")
    if marker and names and set(fields) <= names:
        detail = head + marker + ", ".join(label_of(n, book) for n in fields)
    return detail


def sentence(error: DomainError, book: CodingBook | None = None) -> str:
    """The whole error in one line for a page: the detail, then each field's message under
    its label ("the filter is not valid — Status: unknown status 'XX'; allowed: …")."""
    parts = [page_detail(error, book)]
    parts += [f"{label_of(e.field, book)}: {e.message}" for e in error.errors]
    return " — ".join(dict.fromkeys(parts))
