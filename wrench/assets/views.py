"""Printable QR label sheets: each asset's label opens a request for it (/r/<code>).

One asset's label and an area's sheet are drawn in the request; the whole site's sheet is
drawn by a background task (assets/labels.py) whose page shows progress, then the download.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from wrench.assets import labels as sheets
from wrench.assets.models import Area, Asset, LabelSheet
from wrench.assets.sites import home_site


def _refuse(request: HttpRequest) -> HttpResponse:
    return HttpResponse(sheets.refusal(request.user), status=403, content_type="text/plain")


@login_required
def labels_page(request: HttpRequest) -> HttpResponse:
    if not sheets.may_print(request.user):
        return _refuse(request)
    site = home_site(request.user)
    areas = Area.objects.filter(site=site) if site else Area.objects.none()
    recent = LabelSheet.objects.filter(site=site)[:5] if site else LabelSheet.objects.none()
    return render(request, "assets/labels.html", {"site": site, "areas": areas, "recent": recent})


@login_required
def labels_pdf(request: HttpRequest) -> HttpResponse:
    """A4 sheet of QR labels for one area (?area=100) or one asset (?asset=P-101; anyone at
    the site may print one label). The whole site's sheet is made in the background."""
    site = home_site(request.user)
    assets = Asset.objects.filter(site=site, active=True).select_related("area")
    area, one = request.GET.get("area", ""), request.GET.get("asset", "")
    if one:
        assets, area = assets.filter(code=one), one
    elif not sheets.may_print(request.user):
        return _refuse(request)
    elif area:
        assets = assets.filter(area__code=area)
    else:
        messages.info(request, "The whole site's sheet is made in the background: start it here.")
        return redirect("asset-labels")
    base = request.build_absolute_uri("/")
    rows = sheets.labels(assets.order_by("code")[: sheets.MAX_AREA_LABELS], base)
    pdf = sheets.draw(site, area, rows, base).write_pdf()
    name = f"labels-{site.code if site else 'none'}{'-' + area if area else ''}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
@require_POST
def start_site_sheet(request: HttpRequest) -> HttpResponse:
    site = home_site(request.user)
    if site is None or not sheets.may_print(request.user):
        return _refuse(request)
    sheet = sheets.start_site_sheet(
        actor=request.user, site=site, base_url=request.build_absolute_uri("/")
    )
    return redirect("asset-label-sheet", pk=sheet.pk)


def _sheet(request: HttpRequest, pk: int) -> LabelSheet:
    if not sheets.may_print(request.user):
        raise Http404("no such label sheet")
    return get_object_or_404(LabelSheet, pk=pk, site_id__in=request.user.site_ids())  # type: ignore[union-attr]


@login_required
def label_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The sheet's page; while it is drawn, its progress part polls itself (htmx)."""
    sheet = _sheet(request, pk)
    template = (
        "assets/_label_sheet.html"
        if request.headers.get("HX-Request")
        else ("assets/label_sheet.html")
    )
    share = round(100 * sheet.labels_done / sheet.labels_total) if sheet.labels_total else 0
    return render(request, template, {"sheet": sheet, "share": share})


@login_required
def label_sheet_pdf(request: HttpRequest, pk: int) -> FileResponse:
    sheet = _sheet(request, pk)
    if sheet.status != LabelSheet.Status.DONE:
        raise Http404(f"label sheet {pk} is not ready ({sheet.get_status_display()})")
    stream = storages["attachments"].open(sheet.file, "rb")
    return FileResponse(
        stream,
        content_type="application/pdf",
        filename=f"labels-{sheet.site.code}.pdf",
        as_attachment=False,
    )
