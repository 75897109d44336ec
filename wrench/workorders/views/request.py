"""Raising a request (also from an asset's QR code, /r/<code>) and following one's requests."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from wrench.assets import optional
from wrench.assets.models import Asset
from wrench.assets.sites import home_site
from wrench.coding.book import CodingBook
from wrench.core.errors import DomainError, FieldError
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import attach
from wrench.workorders.status import DEFINITIONS
from wrench.workorders.uploads import check_size
from wrench.workorders.views.common import user_of, visible_work_order
from wrench.workorders.words import page_detail

TYPED = ("asset", "title", "description", "location", "urgency")
MAX_PHOTOS = 5
SCANNED_OPEN = 5


def _asset(request: HttpRequest, code: str) -> Asset | None:
    if not code:
        return None
    return (
        Asset.objects.filter(site_id__in=user_of(request).site_ids(), code=code, active=True)
        .select_related("area", "site")
        .first()
    )


def _form(
    request: HttpRequest,
    typed: dict[str, str],
    errors: list[FieldError] | None = None,
    alert: str = "",
    status: int = 200,
) -> HttpResponse:
    asset = _asset(request, typed.get("asset", ""))
    site = asset.site if asset else home_site(user_of(request))
    book = CodingBook.for_site(site.pk) if site else None
    context = {
        "typed": typed,
        "asset": asset,
        "asset_unknown": typed.get("asset") and asset is None,
        "errors": {e.field: e.message for e in errors or []},
        "alert": alert,
        "urgencies": book.active_values("urgency") if book else [],
        "site": site,
        **_scanned(request, asset),
    }
    return render(request, "workorders/request.html", context, status=status)


def _scanned(request: HttpRequest, asset: Asset | None) -> dict[str, Any]:
    """What the page of a scanned QR label (/r/<code>) adds above the request: the asset's
    open work, a meter reading (when preventive maintenance is installed), its page."""
    if asset is None:
        return {}
    below = WorkOrder.objects.visible_to(user_of(request)).filter(
        site_id=asset.site_id, asset__path__startswith=asset.path
    )
    open_work = below.open().select_related("asset").order_by("-priority", "requested_at", "id")
    return {
        "scanned_open": list(open_work[:SCANNED_OPEN]),
        "scanned_open_count": open_work.count(),
        "readings_url": optional.readings_url(asset.code),
    }


@login_required
def request_work(request: HttpRequest, code: str = "") -> HttpResponse:
    if request.method != "POST":
        return _form(request, {"asset": code or request.GET.get("asset", "")})
    user = user_of(request)
    typed = {k: request.POST.get(k, "").strip() for k in TYPED}
    asset = _asset(request, typed["asset"])
    site = asset.site if asset else home_site(user)
    if site is None:
        return _form(request, typed, alert="you are not a member of any site", status=403)
    data: dict[str, Any] = {k: typed[k] for k in ("title", "description", "location")}
    if typed["asset"]:
        data["asset"] = typed["asset"]
    try:
        files = []
        for upload in request.FILES.getlist("file")[:MAX_PHOTOS]:
            check_size(upload.size or 0)
            files.append((upload.name or "photo", upload.read()))
        wo = attach.create_with_attachments(
            actor=user, site=site, codes={"urgency": typed["urgency"]}, files=files, **data
        )
    except DomainError as error:
        alert = page_detail(error, CodingBook.for_site(site.pk))
        return _form(request, typed, error.errors, alert, status=error.status_code)
    return redirect("request-done", number=wo.number)


@login_required
def request_done(request: HttpRequest, number: str) -> HttpResponse:
    wo = visible_work_order(request, number)
    return render(
        request, "workorders/request_done.html", {"wo": wo, "meaning": DEFINITIONS[wo.status][0]}
    )


@login_required
def asset_pick(request: HttpRequest) -> HttpResponse:
    """HTMX partial: the chosen asset, or the search box with matches by code or name."""
    asset = _asset(request, request.GET.get("asset", ""))
    text = request.GET.get("asset_q", "").strip()
    matches: list[Asset] = []
    if asset is None and text:
        matches = list(
            Asset.objects.filter(site_id__in=user_of(request).site_ids(), active=True)
            .filter(Q(code__istartswith=text) | Q(name__icontains=text))
            .select_related("area")
            .order_by("code")[:12]
        )
    template = (
        "_asset_results"
        if request.resolver_match and (request.resolver_match.url_name == "asset-results")
        else "_asset_pick"
    )
    return render(
        request,
        f"workorders/{template}.html",
        {
            "asset": asset,
            "matches": matches,
            "typed": {"asset_q": text},
            "searched": bool(text),
            # "report": the report filters' picker (no "say where it is" hint, "Any asset").
            "pick_for": "report" if request.GET.get("for") == "report" else "",
        },
    )


@login_required
def my_requests(request: HttpRequest) -> HttpResponse:
    mine = (
        WorkOrder.objects.visible_to(user_of(request))
        .filter(requester=user_of(request))
        .select_related("asset", "urgency")
        .prefetch_related("events")
        .order_by("-requested_at", "-id")[:100]
    )
    return render(
        request,
        "workorders/my_requests.html",
        {"requests": mine, "definitions": {k: v[0] for k, v in DEFINITIONS.items()}},
    )
