"""API: sites, areas, cost centres, the equipment tree, trades and crews (read-only)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema

from wrench.assets.models import Area, Asset, CostCentre, Crew, Site, Trade
from wrench.assets.sites import site_ids_for
from wrench.core.apiutil import MAX_ID
from wrench.core.errors import FieldError, NotFound, ValidationFailed
from wrench.core.schemas import answers

router = Router(tags=["plant"])
MAX_ASSETS = 1000


class SiteOut(Schema):
    code: str
    name: str
    closing_delay_days: int
    allowed_variance_pct: Decimal


class CodedOut(Schema):
    site: str
    code: str
    name: str

    @staticmethod
    def resolve_site(obj: Any) -> str:
        return str(obj.site.code)


class TradeOut(CodedOut):
    hourly_rate: Decimal


class CrewOut(CodedOut):
    area: str | None
    size: int

    @staticmethod
    def resolve_area(obj: Crew) -> str | None:
        return obj.area.code if obj.area else None


class AssetOut(CodedOut):
    parent: str | None
    area: str | None
    cost_centre: str | None
    equipment_type: str | None
    criticality: str
    warranty_end: dt.date | None
    active: bool

    @staticmethod
    def resolve_parent(obj: Asset) -> str | None:
        return obj.parent.code if obj.parent else None

    @staticmethod
    def resolve_area(obj: Asset) -> str | None:
        return obj.area.code if obj.area else None

    @staticmethod
    def resolve_cost_centre(obj: Asset) -> str | None:
        return obj.cost_centre.code if obj.cost_centre else None

    @staticmethod
    def resolve_equipment_type(obj: Asset) -> str | None:
        return obj.equipment_type.code if obj.equipment_type else None


def _ids(request: HttpRequest, site: str | None) -> list[int]:
    return site_ids_for(request.auth, site)  # type: ignore[attr-defined]


@router.get("/sites", response=answers({200: list[SiteOut]}, 401))
def list_sites(request: HttpRequest) -> QuerySet[Site]:
    """The sites you are a member of."""
    return Site.objects.filter(id__in=_ids(request, None))


def _listing(model: type[Any], path: str, out: Any, what: str) -> None:
    def handler(request: HttpRequest, site: str | None = None) -> Any:
        return model.objects.filter(site_id__in=_ids(request, site)).select_related("site")

    handler.__doc__ = f"The {what} of your sites (or of `site`)."
    handler.__name__ = f"list_{path.strip('/').replace('-', '_')}"
    router.get(path, response=answers({200: list[out]}, 401, 404))(handler)


_listing(Area, "/areas", CodedOut, "areas")
_listing(CostCentre, "/cost-centres", CodedOut, "cost centres")
_listing(Trade, "/trades", TradeOut, "trades (skills)")
# Crews (with their members) are listed and changed by scheduling's API.

_ASSET_RELATED = ("site", "parent", "area", "cost_centre", "equipment_type")


@router.get("/assets", response=answers({200: list[AssetOut]}, 400, 401, 404))
def list_assets(
    request: HttpRequest,
    site: str | None = None,
    q: str | None = None,
    offset: int = Query(0, ge=0, le=MAX_ID, description="rows to skip, from 0"),
    limit: int = Query(200, ge=1, le=MAX_ASSETS, description=f"from 1 to {MAX_ASSETS}"),
) -> Any:
    """Equipment of your sites by code; `q` matches code or name. At most 1000 per page."""
    qs = Asset.objects.filter(site_id__in=_ids(request, site)).select_related(*_ASSET_RELATED)
    if q:
        qs = qs.filter(code__icontains=q) | qs.filter(name__icontains=q)
    return qs.order_by("site__code", "code")[offset : offset + limit]


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


@router.get("/assets/{code}", response=answers({200: AssetOut}, 400, 401, 404))
def get_asset(request: HttpRequest, code: str, site: str | None = None) -> Asset:
    """One asset by its tag (e.g. P-101)."""
    return _asset(request, code, site)


@router.get("/assets/{code}/subtree", response=answers({200: list[AssetOut]}, 400, 401, 404))
def asset_subtree(request: HttpRequest, code: str, site: str | None = None) -> Any:
    """The asset and everything below it in the equipment tree, in tree order."""
    root = _asset(request, code, site)
    return Asset.objects.subtree(root).select_related(*_ASSET_RELATED).order_by("path")
