"""The plant's coding manual (read-only, everyone): each characteristic with its values, and
the statuses a work order goes through (the spec's WO – Status table), with their meanings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wrench.assets.models import Site
from wrench.coding.models import Characteristic, CodeValue
from wrench.workorders.status import DEFINITIONS, Status


@login_required
def coding_manual(request: HttpRequest) -> HttpResponse:
    site_ids = request.user.site_ids()  # type: ignore[union-attr]
    sites = []
    for site in Site.objects.filter(pk__in=site_ids):
        characteristics = []
        for ch in Characteristic.objects.filter(site=site, active=True):
            values = list(CodeValue.objects.filter(characteristic=ch).select_related("parent"))
            characteristics.append((ch, values))
        sites.append((site, characteristics))
    statuses = [(s.value, s.label, *DEFINITIONS[s.value]) for s in Status]
    return render(request, "workorders/coding_manual.html", {"sites": sites, "statuses": statuses})
