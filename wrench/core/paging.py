"""Keyset (cursor) paging for every list: one cursor format, one limit rule, one error.

A page is read in an `Ordering` (columns with a direction, always ending with `id`): the
first `limit` rows, plus one more to know whether a next page exists. The next page starts
strictly after the last row's values, so paging stays fast and exact however deep it goes
and however the rows change between pages (no row is shown twice or skipped by an insert).

A cursor is the last row's sort values, signed with the site's SECRET_KEY and tied to the
ordering that made it: a cursor that was altered, cut short, made up, or sent with another
sort is a 400 "invalid cursor" naming `cursor`, never a 500 and never a page of something
else. Cursors hold no secrets (only sort values) and stay valid until SECRET_KEY changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import F, Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse

from wrench.core.errors import FieldError, ValidationFailed

M = TypeVar("M", bound=Model)

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
# A cursor is a handful of sort values; anything much longer was not made here.
MAX_CURSOR_LENGTH = 1000
# `offset` (kept where a list always had it): past this, use the cursor.
MAX_OFFSET = 100_000

_SIGNER = signing.Signer(salt="wrench.core.paging", sep=".")


def invalid_cursor() -> ValidationFailed:
    return ValidationFailed(
        "invalid cursor",
        errors=[
            FieldError(
                "cursor", "use the next_cursor of the previous page, with the same filters and sort"
            )
        ],
    )


@dataclass(frozen=True)
class Ordering:
    """Columns (attnames of the model) and their direction; `id` closes it as the tiebreak."""

    columns: tuple[tuple[str, bool], ...]

    @classmethod
    def of(cls, *keys: str) -> Ordering:
        """`Ordering.of("-started_at", "code")`: Django's spelling; `id` is added if missing."""
        pairs: list[tuple[str, bool]] = []
        for key in keys:
            column = key.lstrip("-")
            if column not in [c for c, _ in pairs]:
                pairs.append((column, key.startswith("-")))
        if "id" not in [c for c, _ in pairs]:
            pairs.append(("id", pairs[-1][1] if pairs else False))
        return cls(tuple(pairs))

    @property
    def names(self) -> list[str]:
        return [c for c, _ in self.columns]

    def key(self) -> str:
        """What the cursor is tied to: a cursor of another ordering is refused."""
        return ",".join(f"-{c}" if d else c for c, d in self.columns)


# --- limits -----------------------------------------------------------------------------


def parse_limit(raw: str | None, *, default: int = DEFAULT_LIMIT, maximum: int = MAX_LIMIT) -> int:
    """`?limit=` as a whole number from 1 to `maximum`; 400 naming `limit` otherwise."""
    if raw in (None, ""):
        return default
    assert raw is not None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 6 or not 1 <= int(raw) <= maximum:
        raise ValidationFailed(
            f"limit {raw[:20]!r} is not allowed",
            errors=[FieldError("limit", f"a whole number from 1 to {maximum}")],
        )
    return int(raw)


def parse_offset(raw: str | None, *, maximum: int = MAX_OFFSET) -> int:
    """`?offset=` from 0 to `maximum`; 400 naming `offset` (deeper pages: use the cursor)."""
    if raw in (None, ""):
        return 0
    assert raw is not None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 7 or int(raw) > maximum:
        raise ValidationFailed(
            f"offset {raw[:20]!r} is not allowed",
            errors=[
                FieldError("offset", f"a whole number from 0 to {maximum}; deeper, use the cursor")
            ],
        )
    return int(raw)


# --- cursors ----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    if isinstance(value, Decimal):
        return {"n": str(value)}
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def _typed(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) != 1:
            raise ValueError("tagged value")
        ((tag, text),) = value.items()
        if not isinstance(text, str):
            raise ValueError("tagged value")
        if tag == "dt":
            return dt.datetime.fromisoformat(text)
        if tag == "d":
            return dt.date.fromisoformat(text)
        if tag == "n":
            return Decimal(text)
        raise ValueError("tag")
    if value is None or isinstance(value, bool | int | str):
        return value
    raise ValueError("type")


def encode_cursor(ordering: Ordering, values: Sequence[Any]) -> str:
    """The signed cursor after a row whose sort values are `values`."""
    return _SIGNER.sign_object({"o": ordering.key(), "v": [_plain(v) for v in values]})


def decode_cursor(cursor: str, ordering: Ordering) -> list[Any]:
    """The sort values in `cursor`; 400 "invalid cursor" unless this module made it for
    `ordering`."""
    if not cursor or len(cursor) > MAX_CURSOR_LENGTH or not cursor.isascii():
        raise invalid_cursor()
    try:
        data = _SIGNER.unsign_object(cursor)
        if not isinstance(data, dict) or data.get("o") != ordering.key():
            raise ValueError("ordering")
        values = data.get("v")
        if not isinstance(values, list) or len(values) != len(ordering.columns):
            raise ValueError("length")
        return [_typed(v) for v in values]
    except (signing.BadSignature, ValueError, TypeError, InvalidOperation) as exc:
        raise invalid_cursor() from exc
    except Exception as exc:  # a signed payload that is not JSON: never a 500
        raise invalid_cursor() from exc


# --- the page ---------------------------------------------------------------------------


def _nullable(model: type[Model]) -> set[str]:
    return {f.attname for f in model._meta.concrete_fields if f.null}


def after(ordering: Ordering, values: Sequence[Any], nullable: set[str]) -> Q:
    """Rows strictly after `values` in `ordering`: (a > x) or (a = x and b > y) or …

    NULLs sort last ascending and first descending (as `order` sorts them)."""
    columns = ordering.columns
    condition = Q()
    first, first_desc = columns[0]
    for i, (column, desc) in enumerate(columns):
        value = values[i]
        step = Q(**{c: values[j] for j, (c, _) in enumerate(columns[:i])})
        if value is None:
            if desc:
                step &= Q(**{f"{column}__isnull": False})
            else:
                continue
        else:
            beyond = Q(**{f"{column}__{'lt' if desc else 'gt'}": value})
            if not desc and column in nullable:
                beyond |= Q(**{f"{column}__isnull": True})
            step &= beyond
        condition |= step
    if values[0] is not None and first not in nullable:
        # The same condition's bound on the first key, which an index can seek to (the OR
        # chain alone makes both databases read the index from its start).
        condition &= Q(**{f"{first}__{'lte' if first_desc else 'gte'}": values[0]})
    return condition


def order(qs: QuerySet[M], ordering: Ordering) -> QuerySet[M]:
    """`qs` in `ordering`. NULLS FIRST/LAST only where a column may be NULL: on NOT NULL
    columns it would stop SQLite from reading the order from an index."""
    nullable = _nullable(qs.model)
    return qs.order_by(
        *[
            (F(c).desc(nulls_first=True) if d else F(c).asc(nulls_last=True))
            if c in nullable
            else (F(c).desc() if d else F(c).asc())
            for c, d in ordering.columns
        ]
    )


def keyset(qs: QuerySet[M], ordering: Ordering, cursor: str | None) -> QuerySet[M]:
    """`qs` ordered, starting after `cursor` (None or "": from the start)."""
    if cursor:
        values = decode_cursor(cursor, ordering)
        try:
            qs = qs.filter(after(ordering, values, _nullable(qs.model)))
        except (ValueError, TypeError, ValidationError) as exc:  # a value of the wrong type
            raise invalid_cursor() from exc
    return order(qs, ordering)


def cut(
    rows: list[Any],
    limit: int,
    ordering: Ordering,
    get: Callable[[Any, str], Any] = getattr,
) -> tuple[list[Any], str | None]:
    """The first `limit` of `rows` (read one more) and the cursor after them if more came."""
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = (
        encode_cursor(ordering, [get(rows[-1], c) for c in ordering.names])
        if more and rows
        else None
    )
    return rows, next_cursor


@dataclass
class Page:
    items: list[Any]
    next_cursor: str | None


def page(qs: QuerySet[M], ordering: Ordering, *, limit: int, cursor: str | None) -> Page:
    """The `limit` rows of `qs` after `cursor`, as model instances, and the next cursor."""
    rows = list(keyset(qs, ordering, cursor)[: limit + 1])
    items, next_cursor = cut(rows, limit, ordering)
    return Page(items=items, next_cursor=next_cursor)


def announce_next(request: HttpRequest, response: HttpResponse, next_cursor: str | None) -> None:
    """Lists answered as a bare JSON array name their next page in headers: `X-Next-Cursor`
    and `Link: <…?cursor=…>; rel="next"` (RFC 8288). No header: this was the last page."""
    if not next_cursor:
        return
    query = request.GET.copy()
    query["cursor"] = next_cursor
    response["X-Next-Cursor"] = next_cursor
    response["Link"] = f'<{request.path}?{query.urlencode()}>; rel="next"'


def page_values(
    qs: QuerySet[M],
    ordering: Ordering,
    *,
    fields: Sequence[str],
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """The same page as `.values(*fields)` dicts (plus the sort columns)."""
    columns = [*fields, *(c for c in ordering.names if c not in fields)]
    rows = list(keyset(qs, ordering, cursor).values(*columns)[: limit + 1])
    return cut(rows, limit, ordering, dict.__getitem__)


def request_page(
    qs: QuerySet[M],
    ordering: Ordering,
    query: Mapping[str, Any],
    *,
    default_limit: int = DEFAULT_LIMIT,
    max_limit: int = MAX_LIMIT,
) -> Page:
    """The page a request's `?limit=&cursor=` asks for."""
    limit = parse_limit(query.get("limit"), default=default_limit, maximum=max_limit)
    return page(qs, ordering, limit=limit, cursor=query.get("cursor") or None)


def answer_page(
    request: HttpRequest,
    response: HttpResponse,
    qs: QuerySet[M],
    ordering: Ordering,
    *,
    default_limit: int = DEFAULT_LIMIT,
) -> list[M]:
    """The rows of a list answered as a bare JSON array: the page `?limit=&cursor=` asks for,
    with the next page named in the headers (`announce_next`)."""
    got = request_page(qs, ordering, request.GET, default_limit=default_limit)
    announce_next(request, response, got.next_cursor)
    return got.items


def page_rows(
    rows: Sequence[Mapping[str, Any]], ordering: Ordering, *, limit: int, cursor: str | None
) -> tuple[list[Mapping[str, Any]], str | None]:
    """The same page of a short list held in memory (not rows of a table, e.g. a catalog
    defined in code): `rows` already in `ordering`, which is ascending on every column."""
    assert not any(desc for _, desc in ordering.columns), "in memory: ascending only"
    if cursor:
        values = decode_cursor(cursor, ordering)
        try:
            rows = [r for r in rows if [r[c] for c in ordering.names] > values]
        except TypeError as exc:  # a value of the wrong type
            raise invalid_cursor() from exc
    return cut(list(rows[: limit + 1]), limit, ordering, dict.__getitem__)
