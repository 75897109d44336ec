"""The definition and process effect shown beside a choice, as an HTMX partial."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from wrench.coding.models import CodeValue


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
