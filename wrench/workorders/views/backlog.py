"""The backlog page: the one WorkOrderFilter, keyset pages, saved views, chosen columns.

Its query string is its whole state (filters, sort, columns: `cols=`), so a saved view is a
named query string. A bare `/backlog/` opens the view a planner would pick: open work by
priority. `?status=` (empty) is "any status".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from wrench.assets.models import Area, Crew, Trade
from wrench.assets.sites import home_site
from wrench.coding.book import CodingBook
from wrench.core.errors import ValidationFailed
from wrench.workorders.filters import DEFAULT_SORT, WorkOrderFilter, keyset_page
from wrench.workorders.models import SavedView, WorkOrder
from wrench.workorders.status import GROUPS, Status
from wrench.workorders.views.common import user_of
from wrench.workorders.views.lists import filter_query
from wrench.workorders.words import field_errors, label_of, sentence

PAGE_SIZE = 50
COUNT_CAP = 1000  # counting stops here: "1,000+" is all a person needs, and it stays fast
DEFAULT_VIEW = {"status": "open", "sort": DEFAULT_SORT}
DEFAULT_VIEW_NAME = "Open work by priority"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    sort: str = ""  # the sort key, when the list can be sorted by it


COLUMNS = (
    Column("number", "Number", "number"),
    Column("title", "Title"),
    Column("status", "Status", "status"),
    Column("priority", "Priority", "priority"),
    Column("urgency", "Urgency"),
    Column("timing", "Timing"),
    Column("reason", "Reason"),
    Column("action", "Action"),
    Column("funding", "Funding"),
    Column("asset", "Asset"),
    Column("trade", "Trade"),
    Column("crew", "Crew"),
    Column("assigned_to", "Assigned to"),
    Column("hours", "Hours"),
    Column("requested", "Requested", "requested_at"),
    Column("needed_by", "Needed by", "needed_by"),
)
BY_KEY = {c.key: c for c in COLUMNS}
DEFAULT_COLUMNS = [
    "number",
    "title",
    "status",
    "priority",
    "urgency",
    "timing",
    "reason",
    "action",
    "asset",
    "trade",
    "hours",
    "requested",
    "needed_by",
]
CODE_COLUMNS = ("urgency", "timing", "reason", "action", "funding")
# Filters shown as chips, with their labels; characteristics add theirs from the coding.
FILTER_LABELS = {
    "q": "Text",
    "status": "Status",
    "asset": "Asset and below",
    "area": "Area",
    "trade": "Trade",
    "crew": "Crew",
    "requested_from": "Requested from",
    "requested_to": "Requested to",
    "needed_from": "Needed from",
    "needed_to": "Needed to",
}


def _state(request: HttpRequest) -> tuple[dict[str, str], list[str]]:
    """(the filter's query, the chosen columns) of this request; the default view when bare."""
    if not request.GET:
        return dict(DEFAULT_VIEW), list(DEFAULT_COLUMNS)
    query = filter_query(request.GET)
    chosen = [c for c in query.pop("cols", "").split(",") if c in BY_KEY]
    return query, chosen or list(DEFAULT_COLUMNS)


def _url(query: dict[str, str], cols: list[str], **changes: str) -> str:
    state = {**query, **changes}
    if cols != DEFAULT_COLUMNS:
        state["cols"] = ",".join(cols)
    state = {k: v for k, v in state.items() if v}
    return "?" + urlencode(state) if state else "?status="


def _headers(query: dict[str, str], cols: list[str]) -> list[tuple[Column, str, str]]:
    current = query.get("sort", DEFAULT_SORT).split(",")[0]
    headers = []
    for key in cols:
        column = BY_KEY[key]
        if not column.sort:
            headers.append((column, "", ""))
            continue
        wanted = f"-{column.sort}" if current == column.sort else column.sort
        arrow = "▲" if current == column.sort else ("▼" if current == f"-{column.sort}" else "")
        headers.append((column, _url(query, cols, sort=wanted), arrow))
    return headers


def _chips(
    query: dict[str, str], cols: list[str], book: CodingBook | None
) -> list[tuple[str, str, str]]:
    """(label, value shown, URL without it) for each value chosen in the filter."""
    chips = []
    for key, raw in query.items():
        if key == "sort":
            continue
        values = [v for v in raw.split(",") if v]
        ch = book.characteristics.get(key) if book else None
        label = ch.name if ch else FILTER_LABELS.get(key, label_of(key))
        for value in values:
            code = book.values.get(key, {}).get(value) if book and ch else None
            shown = f"{value} – {code.value}" if code else value
            if key == "status" and value.upper() in Status.values:
                shown = f"{value} – {Status(value.upper()).label}"
            rest = ",".join(v for v in values if v != value)
            chips.append((label, shown, _url(query, cols, **{key: rest})))
    return chips


def _legend(book: CodingBook | None, cols: list[str]) -> list[tuple[str, list[Any]]]:
    if book is None:
        return []
    return [
        (book.characteristics[key].name, book.active_values(key))
        for key in cols
        if key in CODE_COLUMNS and key in book.characteristics
    ]


@login_required
def backlog(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    query, cols = _state(request)
    site = home_site(user)
    book = CodingBook.for_site(site.pk) if site else None
    items: list[WorkOrder] = []
    next_cursor = None
    shown_count = ""
    error = None
    try:
        flt = WorkOrderFilter.from_query(query)
        qs = flt.apply(WorkOrder.objects.visible_to(user).with_coding(), user=user)
        page = keyset_page(qs, flt, limit=PAGE_SIZE, cursor=request.GET.get("cursor"))
        items, next_cursor = page.items, page.next_cursor
        total = qs.order_by().values("id")[: COUNT_CAP + 1].count()
        shown_count = f"{COUNT_CAP:,}+" if total > COUNT_CAP else f"{total:,}"
    except ValidationFailed as exc:
        error = exc
    saved_query = _url(query, cols)[1:]
    characteristics = (
        [
            (key, ch, book.active_values(key), set(query.get(key, "").split(",")) - {""})
            for key, ch in book.characteristics.items()
        ]
        if book
        else []
    )
    context = {
        "items": items,
        "query": query,
        "saved_query": saved_query,
        "next_url": _url(query, cols, cursor=next_cursor) if next_cursor else "",
        "count": shown_count,
        "hours": sum((wo.estimated_hours for wo in items), start=0),
        "error": error,
        "errors": field_errors(error, book) if error else {},
        "filter_open": bool(error) or any(k not in ("status", "sort") for k in query),
        "error_sentence": sentence(error, book) if error else "",
        "closed": GROUPS["closed"],
        "headers": _headers(query, cols),
        "cols": cols,
        "all_columns": COLUMNS,
        "chips": _chips(query, cols, book),
        "legend": _legend(book, cols),
        "characteristics": characteristics,
        "groups": list(GROUPS),
        "statuses": list(Status),
        "areas": Area.objects.filter(site=site) if site else [],
        "trades": Trade.objects.filter(site=site) if site else [],
        "crews": Crew.objects.filter(site=site) if site else [],
        "saved": SavedView.objects.filter(owner=user),
        "default_view": (DEFAULT_VIEW_NAME, _url(DEFAULT_VIEW, list(DEFAULT_COLUMNS))),
        "export_csv": "/api/v1/work-orders?" + urlencode({"format": "csv", **query}),
        "export_xlsx": "/api/v1/work-orders?" + urlencode({"format": "xlsx", **query}),
    }
    return render(request, "workorders/backlog.html", context, status=400 if error else 200)


@login_required
@require_POST
def save_view(request: HttpRequest) -> HttpResponse:
    name = request.POST.get("name", "").strip()[:80]
    query = request.POST.get("query", "")[:2000]
    if not name:
        messages.error(request, "Give the view a name to save it.")
        return redirect(f"/backlog/?{query}")
    _, created = SavedView.objects.update_or_create(
        owner=user_of(request), name=name, defaults={"query": query}
    )
    messages.success(request, f"View “{name}” {'saved' if created else 'updated'}.")
    return redirect(f"/backlog/?{query}")


@login_required
@require_POST
def delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    view = get_object_or_404(SavedView, pk=pk, owner=user_of(request))
    view.delete()
    messages.success(request, f"View “{view.name}” deleted.")
    return redirect("backlog")
