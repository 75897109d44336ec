"""API: characteristics and their value lists (read-only; admins edit them in /admin/)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Router, Schema

from wrench.assets.sites import site_ids_for
from wrench.coding.models import Characteristic, CodeValue
from wrench.core.errors import NotFound
from wrench.core.schemas import answers

router = Router(tags=["coding"])


class CodeValueOut(Schema):
    abbreviation: str
    value: str
    definition: str
    process_effect: str
    effect_keys: list[str]
    parent: str | None
    is_default: bool
    active: bool

    @staticmethod
    def resolve_parent(obj: CodeValue) -> str | None:
        return obj.parent.abbreviation if obj.parent else None


class CharacteristicOut(Schema):
    site: str
    key: str
    name: str
    described: str
    required: str
    comments: str
    active: bool
    values: list[CodeValueOut]

    @staticmethod
    def resolve_site(obj: Characteristic) -> str:
        return obj.site.code

    @staticmethod
    def resolve_values(obj: Characteristic) -> list[CodeValue]:
        return list(obj.values.all())


def _characteristics(request: HttpRequest, site: str | None) -> list[Characteristic]:
    ids = site_ids_for(request.auth, site)  # type: ignore[attr-defined]
    return list(
        Characteristic.objects.filter(site_id__in=ids)
        .select_related("site")
        .prefetch_related(
            Prefetch("values", CodeValue.objects.select_related("parent").order_by("position"))
        )
    )


@router.get(
    "/characteristics", response=answers({200: list[CharacteristicOut]}, 401, 404), tags=["coding"]
)
def list_characteristics(request: HttpRequest, site: str | None = None) -> list[Characteristic]:
    """Every characteristic of your sites (or of `site`) with its values and their definitions."""
    return _characteristics(request, site)


@router.get("/characteristics/{key}", response=answers({200: CharacteristicOut}, 401, 404))
def get_characteristic(request: HttpRequest, key: str, site: str | None = None) -> Characteristic:
    """One characteristic (e.g. `reason`) with its values. Give `site` if you work at several."""
    found = [c for c in _characteristics(request, site) if c.key == key]
    if not found:
        raise NotFound(f"no characteristic {key!r} at your sites")
    return found[0]
