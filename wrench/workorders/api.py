"""API: work orders. Handlers check input and call a service; the services hold every rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import Router, Status

from wrench.accounts.access import site_of
from wrench.accounts.models import User
from wrench.coding.book import CodingBook
from wrench.core.errors import FieldError, NotFound, ValidationFailed
from wrench.core.filters import parameters
from wrench.core.paging import answer_page, parse_limit
from wrench.core.rendering import json_answer
from wrench.core.schemas import answers
from wrench.workorders import exports, schemas, services
from wrench.workorders.filters import MAX_LIMIT, WorkOrderFilter
from wrench.workorders.filters_related import CommentFilter, EventFilter
from wrench.workorders.models import WorkOrder
from wrench.workorders.openapi import LIST_PARAMETERS, LIST_RESPONSES
from wrench.workorders.rows import item_page

router = Router(tags=["work orders"])


DEFAULT_LIMIT = 50
# A list trusts a site's cached coding this long without asking for its version: a value
# added or renamed through another web worker shows within it (through this one, at once).
CODING_TRUSTED_FOR = dt.timedelta(seconds=5)


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined]


def _work_order(request: HttpRequest, number: str) -> WorkOrder:
    """The work order `number` if it is at one of the user's sites; 404 otherwise."""
    found = WorkOrder.objects.visible_to(_user(request)).with_coding().filter(number=number).first()
    if found is None:
        raise NotFound(f"no work order {number!r} at your sites")
    return found


@router.post("/work-orders", response=answers({201: schemas.WorkOrderOut}))
def create(request: HttpRequest, payload: schemas.WorkOrderIn) -> HttpResponse:
    """Enter a work request (status WR); it gets its number at once.

    Coding by abbreviation (`"urgency": "E", "reason": "SA"`); values left out take the
    site's defaults.
    """
    fields, codes = payload.split()
    site = site_of(request, fields.pop("site", None))
    book = CodingBook.for_site(site.pk, version=site.coding_version)  # the row just read
    wo = services.create_work_order(
        actor=_user(request), site=site, codes=codes, book=book, **fields
    )
    return schemas.answer(request, wo, 201)  # the same as a fresh GET, without reading it


@router.post("/work-orders/bulk", response=answers({201: schemas.BulkOut}))
def create_many(request: HttpRequest, payload: schemas.BulkIn) -> Status[dict[str, Any]]:
    """Enter up to 1000 requests at one site in one transaction: all, or none.

    If any row is not valid, nothing is created and the 400 answer lists every bad row
    (`rows: [{index, errors}]`).
    """
    split = [row.split() for row in payload.rows]
    sites = {fields.pop("site", None) for fields, _ in split}
    if len(sites) > 1:
        raise ValidationFailed(
            "one site per bulk request",
            errors=[FieldError("site", f"rows name several sites: {sorted(map(str, sites))}")],
        )
    site = site_of(request, sites.pop())
    book = CodingBook.for_site(site.pk, version=site.coding_version)
    orders = services.create_work_orders(actor=_user(request), site=site, rows=split, book=book)
    return Status(201, {"created": [{"number": wo.number, "status": wo.status} for wo in orders]})


@router.get(
    "/work-orders",
    response=answers({200: schemas.WorkOrderPage}, 400, 401, 404),
    openapi_extra={"parameters": LIST_PARAMETERS, "responses": LIST_RESPONSES},
)
def list_work_orders(request: HttpRequest) -> Any:
    """The backlog and every other list: filter by any combination, sort, page by cursor.

    Unknown query keys are read as characteristics an admin added (`?shift=D,N`). The same
    list as CSV or XLSX with `format=csv|xlsx` or the Accept header (every matching row,
    streamed; `cursor` and `limit` are ignored then).
    """
    user = _user(request)
    flt = WorkOrderFilter.from_query(request.GET, ignore=("cursor", "limit", "format"))
    books = CodingBook.for_sites(sorted(user.site_ids()), trust_for=CODING_TRUSTED_FOR)
    qs = flt.apply(WorkOrder.objects.visible_to(user), user=user, books=books)
    fmt = _format(request)
    if fmt == "csv":
        answer = StreamingHttpResponse(exports.csv_lines(qs), content_type=exports.CSV_TYPE)
        answer["Content-Disposition"] = 'attachment; filename="work-orders.csv"'
        return answer
    if fmt == "xlsx":
        return FileResponse(
            exports.xlsx_file(qs),
            as_attachment=True,
            filename="work-orders.xlsx",
            content_type=exports.XLSX_TYPE,
        )
    limit = parse_limit(request.GET.get("limit"), default=DEFAULT_LIMIT, maximum=MAX_LIMIT)
    items, next_cursor = item_page(
        qs, flt, books=books, limit=limit, cursor=request.GET.get("cursor")
    )
    # Rendered as Ninja renders it, without validating 50 rows against WorkOrderPage again
    # (a large share of the request): rows.item_page builds exactly its fields.
    return json_answer(request, {"items": items, "next_cursor": next_cursor})


def _format(request: HttpRequest) -> str:
    fmt = request.GET.get("format")
    if fmt is None:
        accept = request.headers.get("Accept", "")
        if "text/csv" in accept:
            return "csv"
        if exports.XLSX_TYPE in accept:
            return "xlsx"
        return "json"
    if fmt not in ("json", "csv", "xlsx"):
        raise ValidationFailed(
            f"unknown format {fmt!r}", errors=[FieldError("format", "allowed: json, csv, xlsx")]
        )
    return fmt


@router.get("/work-orders/{number}", response=answers({200: schemas.WorkOrderOut}, 401, 404))
def get(request: HttpRequest, number: str) -> dict[str, Any]:
    """One work order by its number, e.g. MILL-000123."""
    return schemas.detail(_work_order(request, number))


@router.patch("/work-orders/{number}", response=answers({200: schemas.WorkOrderOut}))
def patch(request: HttpRequest, number: str, payload: schemas.WorkOrderFields) -> dict[str, Any]:
    """Change coding and description fields. The status is never patched: use /transition."""
    wo = _work_order(request, number)
    fields, codes = payload.split()
    services.update_work_order(wo, actor=_user(request), codes=codes, **fields)
    return schemas.detail(_work_order(request, number))


@router.post("/work-orders/{number}/transition", response=answers({200: schemas.WorkOrderOut}))
def move(request: HttpRequest, number: str, payload: schemas.TransitionIn) -> HttpResponse:
    """Move the work order to status `to` as the lifecycle allows, with the extras that
    move records (findings and failure coding → CO, approved amount → BL or WL → PL,
    feedback → CL); the same service as `/complete`, `/close` and `/approve`.

    409 names the current status and the allowed next ones; 403 names the role needed; 400
    names an extra the move does not record.
    """
    moved = services.transition_number(
        number,
        payload.to,
        actor=_user(request),
        reason=payload.reason,
        findings=payload.findings,
        approved_amount=payload.approved_amount,
        failure=payload.failure(),
        feedback=payload.feedback,
    )
    return schemas.answer(request, moved)  # read with the row lock: the same as a fresh GET


@router.get(
    "/work-orders/{number}/events",
    response=answers({200: list[schemas.EventOut]}, 400, 401, 404),
    openapi_extra={"parameters": parameters(EventFilter, default_limit=MAX_LIMIT)},
)
def events(request: HttpRequest, response: HttpResponse, number: str) -> list[dict[str, Any]]:
    """The lifecycle history: every status change, who made it, when and why; oldest first.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = EventFilter.from_query(request.GET)
    qs = _work_order(request, number).events.select_related("actor")
    rows = answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)
    return [schemas.event(e) for e in rows]


@router.get(
    "/work-orders/{number}/comments",
    response=answers({200: list[schemas.CommentOut]}, 400, 401, 404),
    openapi_extra={"parameters": parameters(CommentFilter, default_limit=MAX_LIMIT)},
)
def comments(request: HttpRequest, response: HttpResponse, number: str) -> list[dict[str, Any]]:
    """Comments, oldest first.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = CommentFilter.from_query(request.GET)
    qs = _work_order(request, number).comments.select_related("author")
    rows = answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)
    return [schemas.comment(c) for c in rows]


@router.post("/work-orders/{number}/comments", response=answers({201: schemas.CommentOut}))
def comment(
    request: HttpRequest, number: str, payload: schemas.CommentIn
) -> Status[dict[str, Any]]:
    """Add a comment."""
    wo = _work_order(request, number)
    made = services.add_comment(wo, actor=_user(request), text=payload.text)
    return Status(201, schemas.comment(made))
