"""The one filter definition for work order lists: the API, the list page and exports.

`WorkOrderFilter` is a Pydantic model whose fields are the query parameters
(`?reason=SA,EN&status=backlog&asset=P-101&sort=-priority,requested_at`). Its `apply`
turns them into an indexed queryset; `keyset_page` pages through it by cursor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from pydantic import Field, field_validator

from wrench.accounts.models import User
from wrench.assets.models import Asset
from wrench.coding.book import CodingBook
from wrench.coding.models import BUILTIN_KEYS, CodeValue
from wrench.core import paging
from wrench.core.errors import FieldError, ValidationFailed
from wrench.core.filters import FilterSchema, check_sort
from wrench.core.filters import csv as _csv
from wrench.core.paging import MAX_LIMIT, Page
from wrench.workorders import status as statuses
from wrench.workorders.models import BACKLOG_STATUSES, OPEN_STATUSES, WorkOrder, WorkOrderCode
from wrench.workorders.subtrees import below, subtree

# Sort keys a list may use, mapped to columns. `id` ends every ordering (keyset tiebreak).
SORT_KEYS = {
    "priority": "priority",
    "requested_at": "requested_at",
    "needed_by": "needed_by",
    "number": "number",
    "status": "status",
    "updated_at": "updated_at",
}
DEFAULT_SORT = "-priority,requested_at"


def _literal_in(values: list[str]) -> RawSQL:
    """`status IN ('BL', …)` with the values written out, exactly as a partial index's
    condition: with bound parameters SQLite cannot prove that a query implies it."""
    listed = ", ".join(f"'{v}'" for v in values if v.isalpha())
    column = f'"{WorkOrder._meta.db_table}"."status"'
    return RawSQL(f"{column} IN ({listed})", [], output_field=BooleanField())


# Status sets with a partial index in list order (wo_backlog_prio, wo_open_prio).
_PARTIAL = [BACKLOG_STATUSES, OPEN_STATUSES]
__all__ = ["MAX_LIMIT", "SORT_KEYS", "WorkOrderFilter", "keyset_page", "keyset_values"]


class WorkOrderFilter(FilterSchema):
    """Filters for a list of work orders; every one optional, all combined with AND."""

    SORT_KEYS = SORT_KEYS

    q: str | None = Field(
        None, max_length=200, description="Free text in number, title, description"
    )
    status: str | None = Field(
        None, description="Statuses and/or groups, comma-separated: BL,PL or backlog, open, closed"
    )
    urgency: str | None = Field(None, description="Abbreviations, comma-separated: E,U")
    timing: str | None = Field(None, description="e.g. A,M,T")
    reason: str | None = Field(None, description="e.g. SA,EN")
    action: str | None = Field(None, description="e.g. RE,RB")
    funding: str | None = Field(None, description="e.g. R,W")
    initiated_by: str | None = Field(None, description="e.g. O,V")
    site: str | None = Field(None, description="Site codes, comma-separated")
    asset: str | None = Field(None, description="Asset code: the asset and its whole subtree")
    area: str | None = Field(None, description="Area codes, comma-separated")
    cost_centre: str | None = Field(None, description="Cost centre codes, comma-separated")
    trade: str | None = Field(None, description="Trade codes, comma-separated")
    crew: str | None = Field(None, description="Crew codes, comma-separated")
    requester: str | None = Field(None, description="Username of who raised it")
    assigned_to: str | None = Field(None, description="Username of the assigned technician")
    emergency: bool | None = Field(None, description="Only work on the emergency report")
    legacy_number: str | None = Field(
        None, max_length=40, description="Its number in the legacy system (imported work)"
    )
    pm_plan: int | None = Field(
        None, ge=1, le=2_147_483_647, description="PM plan id: the work that plan raised"
    )
    requested_from: dt.date | None = None
    requested_to: dt.date | None = None
    needed_from: dt.date | None = None
    needed_to: dt.date | None = None
    completed_from: dt.date | None = None
    completed_to: dt.date | None = None
    sort: str = Field(
        DEFAULT_SORT, description="Keys with - for descending: " + ", ".join(SORT_KEYS)
    )
    # Characteristics an admin added: key → abbreviations (query `?shift=D,N`).
    extra_codes: dict[str, str] = Field(default_factory=dict, exclude=True)

    @field_validator("sort")
    @classmethod
    def _known_sort_keys(cls, value: str) -> str:
        return check_sort(value, SORT_KEYS)

    @field_validator("status")
    @classmethod
    def _known_statuses(cls, value: str | None) -> str | None:
        if value:
            statuses.expand(_csv(value))  # raises ValueError naming what is allowed
        return value

    @classmethod
    def from_query(
        cls, query: Mapping[str, Any], *, ignore: tuple[str, ...] = ()
    ) -> WorkOrderFilter:
        """Build from a query dict; unknown keys that are characteristics become extra_codes
        (checked against the sites' coding in `apply`)."""
        known = set(cls.model_fields) - {"extra_codes"}
        data: dict[str, Any] = {}
        extra: dict[str, str] = {}
        for key in query:
            if key in ignore:
                continue
            value = query.get(key)
            if key in known:
                data[key] = value
            else:
                extra[key] = str(value)
        for key, value in extra.items():  # the base class checks the fields' values
            if "\x00" in key or "\x00" in value or len(value) > 2000:
                raise ValidationFailed(
                    "the filter is not valid",
                    errors=[FieldError(key[:40], "a text without NUL bytes, at most 2000 chars")],
                )
        flt = cls.validated(data)
        flt.extra_codes = extra
        return flt

    def apply(
        self,
        qs: QuerySet[WorkOrder],
        *,
        user: User,
        books: Mapping[int, CodingBook] | None = None,
    ) -> QuerySet[WorkOrder]:
        """Filter `qs` (already limited to what `user` may see). Unknown codes → 400.

        Code abbreviations are looked up in the sites' CodingBooks (`books`, or loaded here).
        """
        errors: list[FieldError] = []
        site_ids = sorted(user.site_ids())
        if self.site:
            wanted = set(_csv(self.site))
            from wrench.assets.models import Site

            found = dict(
                Site.objects.filter(code__in=wanted, id__in=site_ids).values_list("code", "id")
            )
            for code in sorted(wanted - set(found)):
                errors.append(FieldError("site", f"no site {code!r} that you are a member of"))
            site_ids = sorted(found.values())
            qs = qs.filter(site_id__in=site_ids)
        if self.status:
            wanted_statuses = statuses.expand(_csv(self.status))
            narrowest = next((p for p in _PARTIAL if set(wanted_statuses) <= set(p)), None)
            if narrowest and set(wanted_statuses) == set(narrowest):
                qs = qs.filter(_literal_in(narrowest))  # the same rows, in the index's words
            else:
                qs = qs.filter(status__in=wanted_statuses)
                if narrowest and connection.vendor == "sqlite":
                    # Only for SQLite: PostgreSQL proves the implication itself and would
                    # count a repeated status term twice in its row estimate.
                    qs = qs.filter(_literal_in(narrowest))
        codes = {key: getattr(self, key) for key in BUILTIN_KEYS if getattr(self, key)}
        codes.update(self.extra_codes)
        if codes and books is None:
            books = CodingBook.for_sites(site_ids)
        for key, raw in codes.items():
            value_ids = _value_ids(key, _csv(raw), site_ids, errors, books or {})
            if key in BUILTIN_KEYS:
                qs = qs.filter(**{f"{key}_id__in": value_ids})
            else:
                qs = qs.filter(
                    id__in=WorkOrderCode.objects.filter(value_id__in=value_ids).values(
                        "work_order_id"
                    )
                )
        if self.asset:
            postgres = connection.vendor == "postgresql"
            tree = subtree(site_ids, self.asset, with_ids=postgres)
            if not tree.roots:
                errors.append(FieldError("asset", f"no asset {self.asset!r} at your sites"))
            if postgres:
                # A constant list, which PostgreSQL checks by hash while it walks the backlog
                # index in order (as a subquery it misjudges the path prefix and joins).
                qs = qs.filter(asset_id__in=tree.ids)
            else:
                # A subquery that SQLite evaluates once into a list, then filters the walk
                # (a long literal list makes it look rows up by asset and sort instead).
                qs = qs.filter(asset_id__in=Asset.objects.filter(below(tree.roots)).values("id"))
        for name, column in (
            ("area", "asset__area__code"),
            ("cost_centre", "asset__cost_centre__code"),
            ("trade", "trade__code"),
            ("crew", "crew__code"),
        ):
            raw = getattr(self, name)
            if raw:
                qs = qs.filter(**{f"{column}__in": _csv(raw)})
        if self.requester:
            qs = qs.filter(requester__username=self.requester)
        if self.assigned_to:
            qs = qs.filter(assigned_to__username=self.assigned_to)
        if self.emergency is not None:
            qs = qs.filter(emergency=self.emergency)
        if self.pm_plan is not None:
            # The pm app sits above this one: its link is named by the reverse relation
            # (PmOccurrence.work_order), never imported.
            if apps.is_installed("wrench.pm"):
                qs = qs.filter(pm_occurrence__plan_id=self.pm_plan)
            else:
                errors.append(FieldError("pm_plan", "preventive maintenance is not installed"))
        if self.legacy_number:
            qs = qs.filter(legacy_number=self.legacy_number.strip())
        for low, high, column in (
            ("requested_from", "requested_to", "requested_at__date"),
            ("needed_from", "needed_to", "needed_by"),
            ("completed_from", "completed_to", "completed_at__date"),
        ):
            if getattr(self, low):
                qs = qs.filter(**{f"{column}__gte": getattr(self, low)})
            if getattr(self, high):
                qs = qs.filter(**{f"{column}__lte": getattr(self, high)})
        if self.q:
            text = self.q.strip()
            qs = qs.filter(
                Q(number__iexact=text) | Q(title__icontains=text) | Q(description__icontains=text)
            )
        if errors:
            raise ValidationFailed("the filter is not valid", errors=errors)
        return qs.order_by(*[f"-{c}" if desc else c for c, desc in self.ordering().columns])


def _value_ids(
    key: str,
    abbreviations: list[str],
    site_ids: list[int],
    errors: list[FieldError],
    books: Mapping[int, CodingBook],
) -> list[int]:
    """Ids of the values `abbreviations` of characteristic `key` at the sites, active or not
    (old work keeps retired codes); an error naming what is allowed for any unknown one."""
    site_books = [books.get(site_id) for site_id in site_ids]
    if all(book is not None and key in book.characteristics for book in site_books):
        # Every site's book holds the characteristic: no query.
        by_abbreviation = [book.values[key] for book in site_books if book is not None]
        found = [
            (values[abbr].pk, abbr)
            for values in by_abbreviation
            for abbr in abbreviations
            if abbr in values
        ]
        allowed = sorted({abbr for values in by_abbreviation for abbr in values})
    else:
        # An inactive characteristic at some site: CodingBooks hold only active ones.
        found, allowed = _value_ids_queried(key, abbreviations, site_ids)
    missing = sorted(set(abbreviations) - {abbr for _, abbr in found})
    if missing:
        if not allowed:
            errors.append(
                FieldError(key, f"{key!r} is neither a filter nor a characteristic of your sites")
            )
        else:
            errors.append(
                FieldError(
                    key, f"unknown value(s) {', '.join(missing)}; allowed: {', '.join(allowed)}"
                )
            )
    return [pk for pk, _ in found]


def _value_ids_queried(
    key: str, abbreviations: list[str], site_ids: list[int]
) -> tuple[list[tuple[int, str]], list[str]]:
    found = list(
        CodeValue.objects.filter(
            characteristic__site_id__in=site_ids,
            characteristic__key=key,
            abbreviation__in=abbreviations,
        ).values_list("id", "abbreviation")
    )
    allowed: list[str] = []
    if set(abbreviations) - {abbr for _, abbr in found}:
        allowed = sorted(
            set(
                CodeValue.objects.filter(
                    characteristic__site_id__in=site_ids, characteristic__key=key
                ).values_list("abbreviation", flat=True)
            )
        )
    return found, allowed


# --- keyset (cursor) pagination: core.paging, in this list's ordering --------------------


def keyset_page(
    qs: QuerySet[WorkOrder], flt: WorkOrderFilter, *, limit: int, cursor: str | None
) -> Page:
    """The `limit` work orders after `cursor` (model instances, for the pages)."""
    return paging.page(qs, flt.ordering(), limit=limit, cursor=cursor)


def keyset_values(
    qs: QuerySet[WorkOrder],
    flt: WorkOrderFilter,
    *,
    fields: tuple[str, ...],
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """The same page as `keyset_page` as `.values(*fields)` dicts (plus the sort columns)."""
    return paging.page_values(qs, flt.ordering(), fields=fields, limit=limit, cursor=cursor)
