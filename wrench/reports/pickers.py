"""What a report page's Site, Area and Asset pickers offer: the user's sites and their
areas as choices, the chosen asset (shown by the shared asset search)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wrench.accounts.models import User
from wrench.assets.models import Area, Asset, Site

# What the report page's form shows; any other parameter (a code filter from a link) is kept
# as a hidden field so "Show" does not drop it.
FORM_KEYS = {
    "from",
    "to",
    "by",
    "cross",
    "same",
    "site",
    "area",
    "asset",
    "asset_q",
    "hours_per_week",
}


def context(user: User, params: Mapping[str, Any]) -> dict[str, Any]:
    site_ids = sorted(user.site_ids())
    sites = list(Site.objects.filter(id__in=site_ids).order_by("code"))
    areas = list(
        Area.objects.filter(site_id__in=site_ids)
        .select_related("site")
        .order_by("site__code", "code")
    )
    code = params.get("asset") or ""
    asset = (
        Asset.objects.filter(site_id__in=site_ids, code=code).select_related("area", "site").first()
        if code
        else None
    )
    return {
        "sites": sites,
        "areas": areas,
        "chosen_asset": asset,
        "kept": [(k, v) for k in params if k not in FORM_KEYS for v in _values(params, k)],
    }


def _values(params: Mapping[str, Any], key: str) -> list[str]:
    getlist = getattr(params, "getlist", None)
    return list(getlist(key)) if getlist else [str(params[key])]
