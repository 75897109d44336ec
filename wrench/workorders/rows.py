"""The API list's rows as plain dicts, without model instances.

A page of 50 work orders as model instances took ~15 queries (the page, nine prefetches,
the coding of the filter) and most of the request's time. Here a page is one query on the
work order table alone (`.values()`, the same plan as the ORM page), the names of its sites,
assets, people, trades and crews one more query by id, and its coding the sites' cached
CodingBooks. Each row is exactly what `schemas.item` makes of the same work order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import connection
from django.db.models import Model, QuerySet

from wrench.accounts.models import User
from wrench.assets.models import Asset, Crew, Site, Trade
from wrench.coding.book import CodingBook
from wrench.coding.models import BUILTIN_KEYS, CodeValue
from wrench.workorders.filters import WorkOrderFilter, keyset_values
from wrench.workorders.models import WorkOrder

CODE_COLUMNS = tuple(f"{key}_id" for key in BUILTIN_KEYS)
FIELDS = (
    "number",
    "site_id",
    "status",
    "title",
    "asset_id",
    "priority",
    "requested_at",
    "needed_by",
    "requester_id",
    "assigned_to_id",
    "trade_id",
    "crew_id",
    "emergency",
    *CODE_COLUMNS,
)
# (column of the work order, table it points to, the column shown)
_LABELS: tuple[tuple[str, type[Model], str], ...] = (
    ("site_id", Site, "code"),
    ("asset_id", Asset, "code"),
    ("requester_id", User, "username"),
    ("assigned_to_id", User, "username"),
    ("trade_id", Trade, "code"),
    ("crew_id", Crew, "code"),
)


def item_page(
    qs: QuerySet[WorkOrder],
    flt: WorkOrderFilter,
    *,
    books: Mapping[int, CodingBook],
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """The page of `qs` after `cursor` as WorkOrderItemOut dicts, and the next cursor."""
    rows, next_cursor = keyset_values(qs, flt, fields=FIELDS, limit=limit, cursor=cursor)
    labels = _labels(rows)
    codes = _codes(rows, books)

    def label(column: str, pk: int | None) -> str | None:
        return labels[column, pk] if pk is not None else None

    items = [
        {
            "number": row["number"],
            "site": label("site_id", row["site_id"]),
            "status": row["status"],
            "title": row["title"],
            "asset": label("asset_id", row["asset_id"]),
            "priority": row["priority"],
            "requested_at": row["requested_at"],
            "needed_by": row["needed_by"],
            "requester": label("requester_id", row["requester_id"]),
            "assigned_to": label("assigned_to_id", row["assigned_to_id"]),
            "trade": label("trade_id", row["trade_id"]),
            "crew": label("crew_id", row["crew_id"]),
            "emergency": row["emergency"],
            **{key: codes.get(row[f"{key}_id"]) for key in BUILTIN_KEYS},
        }
        for row in rows
    ]
    return items, next_cursor


def _labels(rows: list[dict[str, Any]]) -> dict[tuple[str, int], str]:
    """(column, id) → code or username of every object the rows point to: one query."""
    qn = connection.ops.quote_name
    parts, params = [], []
    for i, (column, model, shown) in enumerate(_LABELS):
        ids = sorted({row[column] for row in rows if row[column] is not None})
        if ids:
            marks = ", ".join(["%s"] * len(ids))
            parts.append(
                f"SELECT {i}, {qn('id')}, {qn(shown)} FROM {qn(model._meta.db_table)} "
                f"WHERE {qn('id')} IN ({marks})"
            )
            params += ids
    if not parts:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return {(_LABELS[i][0], pk): text for i, pk, text in cursor.fetchall()}


def _codes(
    rows: list[dict[str, Any]], books: Mapping[int, CodingBook]
) -> dict[int, dict[str, str]]:
    """value id → {abbreviation, value} of every code the rows hold, from the CodingBooks;
    values of a characteristic made inactive since (not in any book) by one query."""
    wanted = {row[c] for row in rows for c in CODE_COLUMNS if row[c] is not None}
    found: dict[int, dict[str, str]] = {}
    for book in books.values():
        for pk in wanted & book.by_id.keys():
            value = book.by_id[pk]
            found[pk] = {"abbreviation": value.abbreviation, "value": value.value}
    if wanted - found.keys():
        for pk, abbreviation, text in CodeValue.objects.filter(
            pk__in=wanted - found.keys()
        ).values_list("pk", "abbreviation", "value"):
            found[pk] = {"abbreviation": abbreviation, "value": text}
    return found
