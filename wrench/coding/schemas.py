"""API schemas of coding: what its endpoints take and answer (api modules stay thin)."""

from __future__ import annotations

from ninja import Schema

from wrench.coding.models import Characteristic, CodeValue


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
