"""The plant's coding manual (read-only, everyone) and the definition shown beside a choice."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from wrench.assets.models import Site
from wrench.coding.models import Characteristic, CodeValue
from wrench.workorders.status import DEFINITIONS, Status


@login_required
def coding_page(request: HttpRequest) -> HttpResponse:
    site_ids = request.user.site_ids()  # type: ignore[union-attr]
    sites = []
    for site in Site.objects.filter(pk__in=site_ids):
        characteristics = []
        for ch in Characteristic.objects.filter(site=site, active=True):
            values = list(CodeValue.objects.filter(characteristic=ch).select_related("parent"))
            characteristics.append((ch, values))
        sites.append((site, characteristics))
    statuses = [(s.value, s.label, *DEFINITIONS[s.value]) for s in Status]
    return render(request, "coding/page.html", {"sites": sites, "statuses": statuses})


@login_required
def explain(request: HttpRequest, site_id: int, key: str) -> HttpResponse:
    """The definition and process effect of the value chosen for `key` (an HTMX partial)."""
    if site_id not in request.user.site_ids():  # type: ignore[union-attr]
        raise Http404("not a site of yours")
    value = (
        CodeValue.objects.filter(
            characteristic__site_id=site_id,
            characteristic__key=key,
            abbreviation=request.GET.get(key, ""),
        )
        .select_related("characteristic")
        .first()
    )
    return render(request, "coding/_explain.html", {"value": value})
