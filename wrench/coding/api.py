"""API: characteristics and their value lists (read-only; admins edit them in /admin/)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Router

from wrench.assets.sites import site_ids_for
from wrench.coding.filters import CharacteristicFilter
from wrench.coding.models import Characteristic, CodeValue
from wrench.coding.schemas import (
    CharacteristicOut,
)
from wrench.core.errors import NotFound
from wrench.core.filters import parameters
from wrench.core.paging import MAX_LIMIT, answer_page
from wrench.core.schemas import answers

router = Router(tags=["coding"])


def _characteristics(request: HttpRequest, site: str | None) -> QuerySet[Characteristic]:
    ids = site_ids_for(request.auth, site)  # type: ignore[attr-defined]
    return (
        Characteristic.objects.filter(site_id__in=ids)
        .select_related("site")
        .prefetch_related(
            Prefetch("values", CodeValue.objects.select_related("parent").order_by("position"))
        )
    )


@router.get(
    "/characteristics",
    response=answers({200: list[CharacteristicOut]}, 400, 401, 404),
    tags=["coding"],
    openapi_extra={"parameters": parameters(CharacteristicFilter, default_limit=MAX_LIMIT)},
)
def list_characteristics(request: HttpRequest, response: HttpResponse) -> list[Characteristic]:
    """Every characteristic of your sites (or of `site`) with its values and their definitions.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = CharacteristicFilter.from_query(request.GET)
    qs = _characteristics(request, flt.site)
    return answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)


@router.get("/characteristics/{key}", response=answers({200: CharacteristicOut}, 401, 404))
def get_characteristic(request: HttpRequest, key: str, site: str | None = None) -> Characteristic:
    """One characteristic (e.g. `reason`) with its values. Give `site` if you work at several."""
    found = list(_characteristics(request, site).filter(key=key))
    if not found:
        raise NotFound(f"no characteristic {key!r} at your sites")
    return found[0]
