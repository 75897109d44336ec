"""A site's coding loaded once: characteristics, their values, and the validation of a choice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from wrench.coding.models import BUILTIN_KEYS, Characteristic, CodeValue, Requirement
from wrench.core import clock
from wrench.core.errors import FieldError


def describe_values(values: list[CodeValue]) -> str:
    return ", ".join(f"{v.abbreviation} ({v.value})" for v in values) or "none"


_CACHE: dict[int, tuple[str, CodingBook]] = {}
_CHECKED: dict[int, dt.datetime] = {}  # when for_sites last confirmed a site's version


def _confirmed(site_id: int, now: dt.datetime, within: dt.timedelta) -> bool:
    checked = _CHECKED.get(site_id)
    return site_id in _CACHE and checked is not None and dt.timedelta(0) <= now - checked < within


def forget_site(site_id: int) -> None:
    """Drop this process's book of a site (saved or deleted: its id may name another)."""
    _CACHE.pop(site_id, None)


def coding_changed(site_id: int) -> None:
    """Mark the site's coding as changed: every process reloads its CodingBook."""
    from wrench.assets.models import Site, new_coding_version

    Site.objects.filter(pk=site_id).update(coding_version=new_coding_version())
    _CACHE.pop(site_id, None)


@dataclass
class CodingBook:
    """Characteristics of one site keyed by their field name, with values by abbreviation."""

    site_id: int
    characteristics: dict[str, Characteristic] = field(default_factory=dict)
    values: dict[str, dict[str, CodeValue]] = field(default_factory=dict)
    by_id: dict[int, CodeValue] = field(default_factory=dict)
    # Whether the site has (or had: inactive ones count) characteristics beyond the built-in
    # six; only then can a work order hold extra codes (WorkOrderCode rows).
    has_extra_characteristics: bool = False
    _defaults: dict[str, CodeValue | None] = field(default_factory=dict, repr=False)

    @classmethod
    def for_site(cls, site_id: int, *, version: str | None = None) -> CodingBook:
        """The site's coding, from this process's cache while the site's coding_version holds.

        One small query checks the version; the characteristics and values are loaded only
        after a change (any save of a Characteristic or CodeValue bumps the version). A
        caller that has just read the site row passes its `coding_version` and saves the
        query.
        """
        from wrench.assets.models import Site

        if version is None:
            version = (
                Site.objects.filter(pk=site_id).values_list("coding_version", flat=True).first()
            )
        if version is None:  # no such site: nothing to keep
            return cls._load(site_id)
        return cls._at_version(site_id, version)

    @classmethod
    def _at_version(cls, site_id: int, version: str) -> CodingBook:
        """The cached book while it is of `version`; loaded (and kept) again otherwise."""
        cached = _CACHE.get(site_id)
        if cached is None or cached[0] != version:
            cached = _CACHE[site_id] = (version, cls._load(site_id))
        return cached[1]

    @classmethod
    def for_sites(
        cls, site_ids: list[int], *, trust_for: dt.timedelta | None = None
    ) -> dict[int, CodingBook]:
        """`for_site` of several sites, with one query for all their versions.

        With `trust_for`, books whose version this process confirmed that recently are
        used without the query (lists: a change made in another process shows within that
        time; one made in this process drops its site's book at once, see coding_changed).
        """
        from wrench.assets.models import Site

        now = clock.now()
        if trust_for is not None and all(_confirmed(s, now, trust_for) for s in site_ids):
            return {site_id: _CACHE[site_id][1] for site_id in site_ids}
        versions = dict(Site.objects.filter(pk__in=site_ids).values_list("id", "coding_version"))
        books = {}
        for site_id, version in versions.items():
            books[site_id] = cls._at_version(site_id, version)
            _CHECKED[site_id] = now
        return books

    @classmethod
    def _load(cls, site_id: int) -> CodingBook:
        book = cls(site_id=site_id)
        for ch in Characteristic.objects.filter(site_id=site_id):
            book.has_extra_characteristics |= ch.key not in BUILTIN_KEYS
            if ch.active:
                book.characteristics[ch.key] = ch
                book.values[ch.key] = {}
        for value in CodeValue.objects.filter(
            characteristic__site_id=site_id, characteristic__active=True
        ).select_related("characteristic"):
            key = value.characteristic.key
            book.by_id[value.pk] = value
            if key in book.values:
                book.values[key][value.abbreviation] = value
        return book

    def active_values(self, key: str) -> list[CodeValue]:
        return [v for v in self.values.get(key, {}).values() if v.active]

    def default_value(self, key: str) -> CodeValue | None:
        if key not in self._defaults:  # asked for every characteristic of every new request
            self._defaults[key] = next((v for v in self.active_values(key) if v.is_default), None)
        return self._defaults[key]

    def resolve(self, key: str, abbreviation: str) -> CodeValue | FieldError:
        """The active value `abbreviation` of characteristic `key`, or the error to show."""
        ch = self.characteristics.get(key)
        if ch is None:
            known = ", ".join(self.characteristics) or "none"
            return FieldError(key, f"{key} is not a characteristic of this site; known: {known}")
        value = self.values[key].get(abbreviation)
        if value is not None and value.active:
            return value
        allowed = describe_values(self.active_values(key))  # only for the error: it costs
        if value is None:
            owner = self._owner_of(abbreviation, key)
            where = f" ({abbreviation} is a value of {owner.name})" if owner else ""
            return FieldError(
                key, f"{abbreviation!r} is not a value of {ch.name}{where}; allowed: {allowed}"
            )
        return FieldError(
            key, f"{abbreviation} ({value.value}) of {ch.name} is inactive; allowed: {allowed}"
        )

    def check_value_id(self, key: str, value_id: int | None) -> CodeValue | FieldError | None:
        """Validate a value given by id (pages post ids): same rules as by abbreviation."""
        if value_id is None:
            return None
        value = self.by_id.get(value_id)
        ch = self.characteristics.get(key)
        if value is None or ch is None or value.characteristic_id != ch.pk:
            name = ch.name if ch else key
            allowed = describe_values(self.active_values(key))
            return FieldError(key, f"that choice is not a value of {name}; allowed: {allowed}")
        return self.resolve(key, value.abbreviation)

    def missing(self, chosen: dict[str, CodeValue | None], level: str) -> list[FieldError]:
        """Required characteristics without a value, at `level` (on_request/before_approval)."""
        levels = (
            {Requirement.ON_REQUEST}
            if level == Requirement.ON_REQUEST
            else {Requirement.ON_REQUEST, Requirement.BEFORE_APPROVAL}
        )
        errors = []
        for key, ch in self.characteristics.items():
            if ch.required in levels and chosen.get(key) is None:
                when = (
                    "when the request is entered"
                    if ch.required == Requirement.ON_REQUEST
                    else ("before the work order leaves review")
                )
                errors.append(
                    FieldError(
                        key,
                        f"{ch.name} is required {when}; choose one of: "
                        f"{describe_values(self.active_values(key))}",
                    )
                )
        return errors

    def _owner_of(self, abbreviation: str, not_key: str) -> Characteristic | None:
        for key, values in self.values.items():
            if key != not_key and abbreviation in values:
                return self.characteristics[key]
        return None
