"""Insert many rows of one model with plain SQL: for bulk writes that already hold the values.

Django's `bulk_create` compiles every value of every row through the field machinery
(~2 µs each; a thousand work orders with their history rows are 70,000 values). Here the
caller gives column names and row tuples; the only conversions are the ones the database
driver cannot do itself (SQLite stores dates and times as text), done once per distinct
value. SQLite gets one prepared statement run for every row (`executemany`), PostgreSQL
one COPY (one INSERT for a single row): one statement per table whatever the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models


def _adapter(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    if connection.vendor != "sqlite":
        return None  # psycopg adapts datetimes, dates and decimals itself
    if isinstance(field, models.DateTimeField):
        adapt: Callable[[Any], Any] = connection.ops.adapt_datetimefield_value
    elif isinstance(field, models.DateField):
        adapt = connection.ops.adapt_datefield_value
    else:
        return None
    seen: dict[Any, Any] = {}

    def cached(value: Any) -> Any:  # most rows of a batch share their timestamps
        if value not in seen:
            seen[value] = adapt(value)
        return seen[value]

    return cached


def _adapted(
    model: type[models.Model], columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> tuple[list[models.Field[Any, Any]], list[tuple[Any, ...]]]:
    """The fields named by `columns` (attnames), and `rows` as the driver takes them."""
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    fields = [by_attname[name] for name in columns]
    adapters = [(i, a) for i, a in enumerate(_adapter(f) for f in fields) if a is not None]
    if adapters:
        adapted = []
        for row in rows:
            values = list(row)
            for i, adapt in adapters:
                values[i] = adapt(values[i])
            adapted.append(tuple(values))
        rows = adapted
    return fields, rows


def _insert_sql(model: type[models.Model], fields: list[models.Field[Any, Any]]) -> str:
    quote = connection.ops.quote_name
    names = ", ".join(quote(str(f.column)) for f in fields)
    values = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({values})"


def insert_one(model: type[models.Model], columns: Sequence[str], row: tuple[Any, ...]) -> int:
    """INSERT one row (values in the order of `columns`) and return its new primary key.

    What `Model.save()` writes for a new object, without compiling an INSERT per call: the
    caller gives every value (defaults and `auto_now` included), as for insert_rows."""
    fields, rows = _adapted(model, columns, [row])
    pk = connection.ops.quote_name(str(model._meta.pk.column))
    with connection.cursor() as cursor:
        if connection.features.can_return_columns_from_insert:
            cursor.execute(f"{_insert_sql(model, fields)} RETURNING {pk}", rows[0])
            return int(cursor.fetchone()[0])
        cursor.execute(_insert_sql(model, fields), rows[0])  # SQLite before 3.35
        return int(cursor.lastrowid)


def update_one(obj: models.Model, columns: Sequence[str]) -> None:
    """UPDATE the row of `obj` with its current values of `columns` (attnames): what
    `save()` of an existing object writes (the caller sets any `auto_now` field first),
    one prepared statement instead of an UPDATE compiled field by field."""
    model = type(obj)
    fields, rows = _adapted(model, columns, [tuple(obj.__dict__[c] for c in columns)])
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
    fields, rows = _adapted(model, columns, rows)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(str(f.column)) for f in fields)
    insert = _insert_sql(model, fields)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(insert, rows)
        elif len(rows) == 1:  # a COPY costs two round trips; one INSERT, one
            cursor.execute(insert, rows[0])
        else:
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
