"""Reports as JSON: `GET /api/v1/reports/<slug>` with the same parameters as the pages.

Mounted by wrench/api.py (`("/reports", "wrench.reports.api")`).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from wrench.core.filters import parameters
from wrench.core.paging import MAX_LIMIT, announce_next, page_rows, parse_limit
from wrench.core.schemas import answers
from wrench.reports import catalog
from wrench.reports.filters import ReportListFilter
from wrench.reports.table import Report, plain

router = Router(tags=["reports"])


def as_json(report: Report) -> dict[str, Any]:
    return {
        "report": report.slug,
        "title": report.title,
        "period": [plain(report.period[0]), plain(report.period[1])] if report.period else None,
        "kpis": [
            {
                "name": f.name,
                "formula": f.formula,
                "inputs": {k: plain(v) for k, v in f.inputs.items()},
                "value": plain(f.value),
                "unit": f.unit,
            }
            for f in report.formulas
        ],
        "tables": {
            t.name: [{c.key: plain(row.get(c.key)) for c in t.columns} for row in t.rows]
            for t in report.tables
        },
    }


def _user(request: HttpRequest) -> Any:
    auth = getattr(request, "auth", None)
    return auth if hasattr(auth, "site_ids") else request.user


@router.get(
    "/",
    summary="The reports there are",
    response=answers({200: list[dict[str, str]]}, 400, 401),
    openapi_extra={"parameters": parameters(ReportListFilter, default_limit=MAX_LIMIT)},
)
def list_reports(request: HttpRequest, response: HttpResponse) -> list[dict[str, str]]:
    """Every report's slug, title and summary, in the catalog's order.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = ReportListFilter.from_query(request.GET)
    entries = [
        {"position": i, "slug": e.slug, "title": e.title, "summary": e.summary}
        for i, e in enumerate(catalog.REPORTS.values())
    ]
    limit = parse_limit(request.GET.get("limit"), default=MAX_LIMIT)
    rows, next_cursor = page_rows(
        entries, flt.ordering(), limit=limit, cursor=request.GET.get("cursor")
    )
    announce_next(request, response, next_cursor)
    return [{k: str(v) for k, v in r.items() if k != "position"} for r in rows]


@router.get(
    "/{slug}",
    summary="One report's figures (same query parameters as its page)",
    response=answers({200: dict[str, Any]}, 400, 401, 404),
)
def report(request: HttpRequest, slug: str) -> dict[str, Any]:
    return as_json(catalog.build(slug, _user(request), request.GET))
