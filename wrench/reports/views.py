"""Report pages and their CSV, XLSX and PDF exports; the work order packet PDF."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from wrench.core.errors import DomainError
from wrench.reports import catalog, dimensions, exports, packet, pdf, pickers
from wrench.reports.detection import SAME_CHOICES
from wrench.workorders.models import WorkOrder

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _user(request: HttpRequest) -> Any:
    return request.user


# The report form's labels, so a refusal names the box a person filled in, not a parameter.
LABELS = {
    "from": "From",
    "to": "To",
    "by": "By",
    "cross": "Crossed with",
    "same": "Same failure",
    "site": "Site",
    "area": "Area",
    "asset": "Asset",
    "hours_per_week": "Hours a week per person",
}


def _problem(request: HttpRequest, exc: DomainError) -> HttpResponse:
    errors = [
        (LABELS.get(e.field, e.field.replace("_", " ").capitalize()), e.message)
        for e in getattr(exc, "errors", None) or []
    ]
    return render(
        request,
        "reports/problem.html",
        {"error": exc, "errors": errors, "back": request.path},
        status=exc.status_code,
    )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/index.html", {"reports": catalog.REPORTS.values()})


@login_required
def report_page(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in catalog.REPORTS:
        raise Http404(f"no report {slug}")
    params = _report_query(request)
    try:
        report = catalog.build(slug, _user(request), params)
    except DomainError as exc:
        return _problem(request, exc)
    return render(
        request,
        "reports/report.html",
        {
            "report": report,
            "query": params.urlencode(),
            "params": params,
            "dimensions": dimensions.known(sorted(_user(request).site_ids())),
            "same_choices": SAME_CHOICES,
            **pickers.context(_user(request), params),
        },
    )


def _report_query(request: HttpRequest) -> QueryDict:
    """The report's parameters without what only the page's pickers send (the asset search
    box's typed text, choices left empty), so links and exports stay short."""
    params = request.GET.copy()
    params.pop("asset_q", None)
    for key in [k for k, v in params.lists() if v == [""]]:
        params.pop(key)
    return params


@login_required
def report_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if slug not in catalog.REPORTS or fmt not in ("csv", "xlsx", "pdf"):
        raise Http404(f"no export {slug}.{fmt}; formats: csv, xlsx, pdf")
    params = _report_query(request)
    try:
        report = catalog.build(slug, _user(request), params)
    except DomainError as exc:
        return _problem(request, exc)
    stamp = timezone.localtime().strftime("%Y%m%d")
    name = f"{slug}-{stamp}"
    if fmt == "csv":
        table = report.table(params.get("table"))
        body: bytes | str = exports.to_csv(table)
        ctype, name = "text/csv; charset=utf-8", f"{name}-{table.name}.csv"
    elif fmt == "xlsx":
        body, ctype, name = exports.to_xlsx(report), XLSX, f"{name}.xlsx"
    else:
        body = pdf.render_pdf("reports/print.html", {"report": report, "printed": timezone.now()})
        ctype, name = "application/pdf", f"{name}.pdf"
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def work_order_packet(request: HttpRequest, number: str) -> HttpResponse:
    wo = WorkOrder.objects.visible_to(_user(request)).with_coding().filter(number=number).first()
    if wo is None:
        raise Http404(f"no work order {number} at your sites")
    url = request.build_absolute_uri(f"/wo/{wo.number}/")
    body = pdf.render_pdf("reports/packet.html", packet.context(wo, url))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{wo.number}-packet.pdf"'
    return response


def packet_url(wo: WorkOrder) -> str:
    return reverse("reports:packet", args=[wo.number])
