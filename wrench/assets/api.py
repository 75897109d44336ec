"""API: sites, areas, cost centres, the equipment tree, trades and crews (read-only), one
asset with its place in the tree and its reliability, and the asset's downtime."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Status

from wrench.assets import services
from wrench.assets.filters import (
    AssetFilter,
    CodedFilter,
    DowntimeFilter,
    SiteListFilter,
    SubtreeFilter,
)
from wrench.assets.models import Area, Asset, CostCentre, Downtime, Site, Trade
from wrench.assets.reliability import reliability
from wrench.assets.schemas import (
    AssetDetailOut,
    AssetOut,
    CodedOut,
    DowntimeIn,
    DowntimeOut,
    SiteOut,
    TradeOut,
)
from wrench.assets.sites import site_ids_for
from wrench.core import clock
from wrench.core.errors import FieldError, NotFound, ValidationFailed
from wrench.core.filters import parameters
from wrench.core.paging import (
    MAX_LIMIT,
    MAX_OFFSET,
    announce_next,
    answer_page,
    cut,
    keyset,
    parse_limit,
    parse_offset,
)
from wrench.core.schemas import answers

router = Router(tags=["plant"])
ASSETS_PER_PAGE = 200


def _ids(request: HttpRequest, site: str | None) -> list[int]:
    return site_ids_for(request.auth, site)  # type: ignore[attr-defined]


PAGED = "Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."


@router.get(
    "/sites",
    response=answers({200: list[SiteOut]}, 400, 401),
    openapi_extra={"parameters": parameters(SiteListFilter, default_limit=MAX_LIMIT)},
)
def list_sites(request: HttpRequest, response: HttpResponse) -> list[Site]:
    """The sites you are a member of, by code.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = SiteListFilter.from_query(request.GET)
    qs = Site.objects.filter(id__in=_ids(request, None))
    return answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)


def _listing(model: type[Any], path: str, out: Any, what: str) -> None:
    def handler(request: HttpRequest, response: HttpResponse) -> Any:
        flt = CodedFilter.from_query(request.GET)
        qs = model.objects.filter(site_id__in=_ids(request, flt.site)).select_related("site")
        return answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)

    handler.__doc__ = f"The {what} of your sites (or of `site`), by site and code.\n\n{PAGED}"
    handler.__name__ = f"list_{path.strip('/').replace('-', '_')}"
    router.get(
        path,
        response=answers({200: list[out]}, 400, 401, 404),
        openapi_extra={"parameters": parameters(CodedFilter, default_limit=MAX_LIMIT)},
    )(handler)


_listing(Area, "/areas", CodedOut, "areas")
_listing(CostCentre, "/cost-centres", CodedOut, "cost centres")
_listing(Trade, "/trades", TradeOut, "trades (skills)")
# Crews (with their members) are listed and changed by scheduling's API.

_ASSET_RELATED = ("site", "parent", "area", "cost_centre", "equipment_type")


@router.get(
    "/assets",
    response=answers({200: list[AssetOut]}, 400, 401, 404),
    openapi_extra={
        "parameters": parameters(AssetFilter, default_limit=ASSETS_PER_PAGE, offset=MAX_OFFSET)
    },
)
def list_assets(request: HttpRequest, response: HttpResponse) -> Any:
    """Equipment of your sites by site and code; `q` matches code or name.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers
    (`offset` still skips rows, after the cursor if both are given)."""
    flt = AssetFilter.from_query(request.GET)
    qs = flt.apply(
        Asset.objects.filter(site_id__in=_ids(request, flt.site)).select_related(*_ASSET_RELATED)
    )
    limit = parse_limit(request.GET.get("limit"), default=ASSETS_PER_PAGE)
    offset = parse_offset(request.GET.get("offset"))
    ordering = flt.ordering()
    rows = list(keyset(qs, ordering, request.GET.get("cursor"))[offset : offset + limit + 1])
    items, next_cursor = cut(rows, limit, ordering)
    announce_next(request, response, next_cursor)
    return items


def _asset(request: HttpRequest, code: str, site: str | None) -> Asset:
    found = list(
        Asset.objects.filter(site_id__in=_ids(request, site), code=code).select_related(
            *_ASSET_RELATED
        )[:2]
    )
    if not found:
        raise NotFound(f"no asset {code!r} at your sites")
    if len(found) > 1:
        raise ValidationFailed(
            f"asset {code!r} exists at several of your sites",
            errors=[FieldError("site", "give the site code")],
        )
    return found[0]


RELIABILITY_DAYS = 365


def asset_reliability(asset: Asset) -> Any:
    """MTTR/MTBF of the asset's own downtime over the last 365 days (page and API)."""
    end = clock.now()
    return reliability(asset.downtimes.all(), end - dt.timedelta(days=RELIABILITY_DAYS), end)


@router.get("/assets/{code}", response=answers({200: AssetDetailOut}, 400, 401, 404))
def get_asset(request: HttpRequest, code: str, site: str | None = None) -> Asset:
    """One asset by its tag (e.g. P-101): its place in the tree (`tree`, root first, then
    `children`), warranty, and MTTR/MTBF over its downtime of the last 365 days. Its work
    orders (the asset's and everything below it) are at the `work_orders` address."""
    asset: Any = _asset(request, code, site)
    query = f"asset={asset.code}&site={asset.site.code}"
    asset.tree = list(Asset.objects.ancestors(asset))
    asset.child_list = list(asset.children.order_by("code"))
    asset.reliability = asset_reliability(asset)
    asset.work_orders_url = f"/api/v1/work-orders?{query}"
    asset.downtime_url = f"/api/v1/assets/{asset.code}/downtime?site={asset.site.code}"
    return asset


@router.get(
    "/assets/{code}/subtree",
    response=answers({200: list[AssetOut]}, 400, 401, 404),
    openapi_extra={"parameters": parameters(SubtreeFilter, default_limit=MAX_LIMIT)},
)
def asset_subtree(request: HttpRequest, response: HttpResponse, code: str) -> Any:
    """The asset and everything below it in the equipment tree, in tree order.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = SubtreeFilter.from_query(request.GET)
    root = _asset(request, code, flt.site)
    qs = Asset.objects.subtree(root).select_related(*_ASSET_RELATED)
    return answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)


def _aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _downtimes(asset: Asset) -> QuerySet[Downtime]:
    return asset.downtimes.select_related("asset", "work_order", "recorded_by")


@router.get(
    "/assets/{code}/downtime",
    response=answers({200: list[DowntimeOut]}, 400, 401, 404),
    openapi_extra={"parameters": parameters(DowntimeFilter, default_limit=200)},
)
def list_downtime(request: HttpRequest, response: HttpResponse, code: str) -> Any:
    """The asset's downtime periods, latest first.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = DowntimeFilter.from_query(request.GET)
    qs = _downtimes(_asset(request, code, flt.site))
    return answer_page(request, response, qs, flt.ordering(), default_limit=200)


@router.post("/assets/{code}/downtime", response=answers({201: DowntimeOut}))
def record_downtime(
    request: HttpRequest, code: str, body: DowntimeIn, site: str | None = None
) -> Any:
    """Record a period the asset was down: `start` before `end`, the end not in the future,
    not overlapping another period of the asset; `work_order` is the repair's number."""
    asset = _asset(request, code, site)
    made = services.record_downtime(
        actor=request.auth,  # type: ignore[attr-defined]
        asset=asset,
        start=_aware(body.start),
        end=_aware(body.end),
        reason=body.reason or "",
        work_order=body.work_order,
    )
    return Status(201, _downtimes(asset).get(pk=made.pk))


def _one(request: HttpRequest, code: str, site: str | None, pk: int) -> Downtime:
    asset = _asset(request, code, site)
    row = _downtimes(asset).filter(pk=pk).first()
    if row is None:
        raise NotFound(f"no downtime {pk} on {asset.code}")
    return row


@router.put("/assets/{code}/downtime/{pk}", response=answers({200: DowntimeOut}))
def correct_downtime(
    request: HttpRequest, code: str, pk: int, body: DowntimeIn, site: str | None = None
) -> Any:
    """Correct a recorded period (all of it is replaced; the old values stay in its history)."""
    row = _one(request, code, site, pk)
    services.correct_downtime(
        actor=request.auth,  # type: ignore[attr-defined]
        downtime=row,
        start=_aware(body.start),
        end=_aware(body.end),
        reason=body.reason or "",
        work_order=body.work_order,
    )
    return _downtimes(row.asset).get(pk=pk)


@router.delete("/assets/{code}/downtime/{pk}", response=answers({204: None}))
def remove_downtime(request: HttpRequest, code: str, pk: int, site: str | None = None) -> Any:
    """Remove a period entered by mistake (its history keeps who removed it)."""
    actor = request.auth  # type: ignore[attr-defined]
    services.remove_downtime(actor=actor, downtime=_one(request, code, site, pk))
    return Status(204, None)
