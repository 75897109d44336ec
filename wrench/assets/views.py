"""Printable QR label sheets: each asset's label opens a request for it (/r/<code>)."""

from __future__ import annotations

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from wrench.assets.models import Area, Asset
from wrench.assets.sites import home_site

MAX_LABELS = 600  # one sheet per area is the normal use; a whole plant is a few hundred


@login_required
def labels_page(request: HttpRequest) -> HttpResponse:
    site = home_site(request.user)
    areas = Area.objects.filter(site=site) if site else Area.objects.none()
    return render(request, "assets/labels.html", {"site": site, "areas": areas})


@login_required
def labels_pdf(request: HttpRequest) -> HttpResponse:
    """A4 sheet of QR labels for one area (?area=100), one asset (?asset=P-101) or the site."""
    from weasyprint import HTML  # here: slow to load, and only this page needs it

    site = home_site(request.user)
    assets = Asset.objects.filter(site=site, active=True).select_related("area")
    area = request.GET.get("area", "")
    if area:
        assets = assets.filter(area__code=area)
    one = request.GET.get("asset", "")
    if one:
        assets = assets.filter(code=one)
        area = one
    labels = []
    for asset in assets.order_by("code")[:MAX_LABELS]:
        url = request.build_absolute_uri(f"/r/{asset.code}")
        qr = segno.make(url, error="m").svg_data_uri(scale=4, border=1)
        labels.append({"asset": asset, "url": url, "qr": qr})
    html = render_to_string(
        "assets/labels_pdf.html", {"labels": labels, "site": site, "area": area}
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    name = f"labels-{site.code if site else 'none'}{'-' + area if area else ''}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
