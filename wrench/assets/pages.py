"""The asset page (/assets/<code>/), finding an asset from the header, and recording or
correcting its downtime from the page.

The page's work order sections (open work, warranty work, history) come from workorders by
template tag and its meters and plans from pm when that app is installed: this app sits
below both and imports neither.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import segno
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from wrench.assets import optional, services
from wrench.assets.api import asset_reliability
from wrench.assets.models import Asset, Downtime
from wrench.core.errors import DomainError, FieldError, ValidationFailed

DOWNTIME_SHOWN = 50
SEARCH_SHOWN = 50
TIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")


def page_asset(request: HttpRequest, code: str) -> Asset:
    """The asset `code` at one of the person's sites (`?site=` when several have it); 404
    otherwise, so another site's equipment is not even confirmed to exist."""
    found = Asset.objects.filter(site_id__in=request.user.site_ids(), code=code)  # type: ignore[union-attr]
    if request.GET.get("site"):
        found = found.filter(site__code=request.GET["site"])
    rows = list(found.select_related("site", "parent", "area", "cost_centre", "equipment_type")[:2])
    if not rows:
        raise Http404(f"no asset {code} at your sites")
    return rows[0]


def _when(text: str, field: str, errors: list[FieldError]) -> dt.datetime | None:
    text = text.strip()
    for fmt in TIME_FORMATS:
        try:
            return timezone.make_aware(dt.datetime.strptime(text, fmt))
        except ValueError:
            continue
    label = "start" if field == "start" else "end"
    errors.append(FieldError(field, f"give the {label} as YYYY-MM-DD HH:MM, e.g. 2026-11-03 08:30"))
    return None


def _typed(request: HttpRequest) -> dict[str, str]:
    return {k: request.POST.get(k, "").strip() for k in ("start", "end", "reason", "work_order")}


def _shown(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _context(request: HttpRequest, asset: Asset) -> dict[str, Any]:
    downtimes = list(
        asset.downtimes.select_related("work_order", "recorded_by").order_by("-started_at", "-id")[
            :DOWNTIME_SHOWN
        ]
    )
    for row in downtimes:
        row.start_text, row.end_text = _shown(row.started_at), _shown(row.ended_at)  # type: ignore[attr-defined]
        row.as_typed = {  # type: ignore[attr-defined]
            "start": row.start_text,  # type: ignore[attr-defined]
            "end": row.end_text,  # type: ignore[attr-defined]
            "reason": row.reason,
            "work_order": row.work_order.number if row.work_order else "",
        }
    request_url = request.build_absolute_uri(f"/r/{asset.code}")
    return {
        "asset": asset,
        "tree": list(Asset.objects.ancestors(asset)),
        "children": list(asset.children.order_by("code")),
        "reliability": asset_reliability(asset),
        "downtimes": downtimes,
        "can_record": services.can_record_downtime(request.user),
        "qr": segno.make(request_url, error="m").svg_data_uri(scale=4, border=1),
        "qr_url": request_url,
        "pm_section": optional.pm_section(),
        "readings_url": optional.readings_url(asset.code),
    }


def _page(
    request: HttpRequest,
    asset: Asset,
    *,
    status: int = 200,
    error: DomainError | None = None,
    typed: dict[str, str] | None = None,
    editing: int | None = None,
    notice: str = "",
) -> HttpResponse:
    context = {
        **_context(request, asset),
        "error": error,
        "errors": {e.field: e.message for e in (error.errors if error else [])},
        "typed": typed or {},
        "editing": editing,
        "notice": notice or request.GET.get("done", ""),
    }
    return render(request, "assets/asset.html", context, status=status)


@login_required
def asset_page(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, page_asset(request, code))


@login_required
def asset_search(request: HttpRequest) -> HttpResponse:
    """The header's search: an exact tag opens its page; otherwise the matches by tag or name."""
    text = request.GET.get("q", "").strip()
    mine = Asset.objects.filter(site_id__in=request.user.site_ids())  # type: ignore[union-attr]
    matches: list[Asset] = []
    if text:
        exact = list(mine.filter(code__iexact=text)[:2])
        if len(exact) == 1:
            return redirect("asset", code=exact[0].code)
        matches = list(
            mine.filter(Q(code__icontains=text) | Q(name__icontains=text))
            .select_related("site", "area", "parent")
            .order_by("code")[:SEARCH_SHOWN]
        )
    return render(
        request, "assets/search.html", {"q": text, "matches": matches, "cap": SEARCH_SHOWN}
    )


def _period(request: HttpRequest) -> tuple[dict[str, str], dt.datetime | None, dt.datetime | None]:
    typed = _typed(request)
    errors: list[FieldError] = []
    start = _when(typed["start"], "start", errors)
    end = _when(typed["end"], "end", errors)
    if errors:
        raise ValidationFailed.collect(errors, "the downtime")
    return typed, start, end


@login_required
@require_POST
def record_downtime(request: HttpRequest, code: str) -> HttpResponse:
    asset = page_asset(request, code)
    typed = _typed(request)
    try:
        typed, start, end = _period(request)
        assert start is not None and end is not None
        services.record_downtime(
            actor=request.user,
            asset=asset,
            start=start,
            end=end,
            reason=typed["reason"],
            work_order=typed["work_order"] or None,
        )
    except DomainError as error:
        return _page(request, asset, status=error.status_code, error=error, typed=typed)
    return redirect(f"/assets/{asset.code}/?site={asset.site.code}&done=recorded#downtime")


def _row(asset: Asset, pk: int) -> Downtime:
    row = asset.downtimes.filter(pk=pk).select_related("asset", "asset__site").first()
    if row is None:
        raise Http404(f"no downtime {pk} on {asset.code}")
    return row


@login_required
@require_POST
def correct_downtime(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    asset = page_asset(request, code)
    row = _row(asset, pk)
    typed = _typed(request)
    try:
        typed, start, end = _period(request)
        assert start is not None and end is not None
        services.correct_downtime(
            actor=request.user,
            downtime=row,
            start=start,
            end=end,
            reason=typed["reason"],
            work_order=typed["work_order"] or None,
        )
    except DomainError as error:
        return _page(request, asset, status=error.status_code, error=error, typed=typed, editing=pk)
    return redirect(f"/assets/{asset.code}/?site={asset.site.code}&done=corrected#downtime")


@login_required
@require_POST
def remove_downtime(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    asset = page_asset(request, code)
    try:
        services.remove_downtime(actor=request.user, downtime=_row(asset, pk))
    except DomainError as error:
        return _page(request, asset, status=error.status_code, error=error)
    return redirect(f"/assets/{asset.code}/?site={asset.site.code}&done=removed#downtime")
