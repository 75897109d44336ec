"""Insert many rows of one model with plain SQL: for bulk writes that already hold the values.

Django's `bulk_create` compiles every value of every row through the field machinery
(~2 µs each; a thousand work orders with their history rows are 70,000 values). Here the
caller gives column names and row tuples; the only conversions are the ones the database
driver cannot do itself (SQLite stores dates and times as text), done once per distinct
value. SQLite gets one prepared statement run for every row (`executemany`), PostgreSQL
one COPY (one INSERT for a single row): one statement per table whatever the rows.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models


@functools.cache
def _plan(
    model: type[models.Model], columns: tuple[str, ...], vendor: str
) -> tuple[tuple[models.Field[Any, Any], ...], tuple[tuple[int, str], ...], str]:
    """The fields named by `columns` (attnames), which of them the driver cannot take as
    they are (index, the `connection.ops` method adapting them), and the INSERT: worked
    out once per model and columns, not per call."""
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    fields = tuple(by_attname[name] for name in columns)
    adapters: list[tuple[int, str]] = []
    if vendor == "sqlite":  # psycopg adapts datetimes, dates and decimals itself
        for i, field in enumerate(fields):
            if isinstance(field, models.DateTimeField):
                adapters.append((i, "adapt_datetimefield_value"))
            elif isinstance(field, models.DateField):
                adapters.append((i, "adapt_datefield_value"))
    quote = connection.ops.quote_name
    names = ", ".join(quote(str(f.column)) for f in fields)
    values = ", ".join(["%s"] * len(fields))
    insert = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({values})"
    return fields, tuple(adapters), insert


def _memo(adapt: Callable[[Any], Any]) -> Callable[[Any], Any]:
    seen: dict[Any, Any] = {}

    def cached(value: Any) -> Any:  # most rows of a batch share their timestamps
        if value not in seen:
            seen[value] = adapt(value)
        return seen[value]

    return cached


def _adapted(
    model: type[models.Model], columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> tuple[tuple[models.Field[Any, Any], ...], list[tuple[Any, ...]], str]:
    """The fields named by `columns`, `rows` as the driver takes them, and the INSERT."""
    fields, adapters, insert = _plan(model, tuple(columns), connection.vendor)
    if adapters:
        many = len(rows) > 1
        adapt = [(i, getattr(connection.ops, name)) for i, name in adapters]
        if many:
            adapt = [(i, _memo(fn)) for i, fn in adapt]
        adapted = []
        for row in rows:
            values = list(row)
            for i, fn in adapt:
                values[i] = fn(values[i])
            adapted.append(tuple(values))
        rows = adapted
    return fields, rows, insert


def insert_one(model: type[models.Model], columns: Sequence[str], row: tuple[Any, ...]) -> int:
    """INSERT one row (values in the order of `columns`) and return its new primary key.

    What `Model.save()` writes for a new object, without compiling an INSERT per call: the
    caller gives every value (defaults and `auto_now` included), as for insert_rows."""
    _, rows, insert = _adapted(model, columns, [row])
    pk = connection.ops.quote_name(str(model._meta.pk.column))
    with connection.cursor() as cursor:
        if connection.features.can_return_columns_from_insert:
            cursor.execute(f"{insert} RETURNING {pk}", rows[0])
            return int(cursor.fetchone()[0])
        cursor.execute(insert, rows[0])  # SQLite before 3.35
        return int(cursor.lastrowid)


def update_one(obj: models.Model, columns: Sequence[str]) -> None:
    """UPDATE the row of `obj` with its current values of `columns` (attnames): what
    `save()` of an existing object writes (the caller sets any `auto_now` field first),
    one prepared statement instead of an UPDATE compiled field by field."""
    model = type(obj)
    fields, rows, _ = _adapted(model, columns, [tuple(obj.__dict__[c] for c in columns)])
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(str(f.column))} = %s" for f in fields)
    pk = quote(str(model._meta.pk.column))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {pk} = %s",
            [*rows[0], obj.pk],
        )


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """INSERT `rows` (tuples in the order of `columns`, the fields' attnames) into `model`."""
    if not rows:
        return
    fields, rows, insert = _adapted(model, columns, rows)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(str(f.column)) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(insert, rows)
        elif len(rows) == 1:  # a COPY costs two round trips; one INSERT, one
            cursor.execute(insert, rows[0])
        else:
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
