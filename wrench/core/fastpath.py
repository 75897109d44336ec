"""The fast write path, walled in: every use Wrench makes of Django's (and simple-history's)
internals is in this module, and `core/tests/test_fastpath.py` fails loudly, naming what
moved, when an upgrade changes their shape.

What is here, and why (the README's Performance section has the figures):
- `Prepared`: a small read written as an ORM queryset, compiled to SQL once per connection
  and then run with the real values; its rows become model instances (related objects
  included) exactly as Django's ModelIterable makes them. Compiling a one-row look-up is
  most of its CPU, more than the database takes to answer.
- `insert_one`, `insert_rows`, `update_one`, `update_rows`: rows written with plain SQL from values the
  caller already holds. SQLite gets one prepared statement (`executemany`), PostgreSQL one
  COPY (one INSERT for a single row): one statement per table whatever the rows.
- `tracked_history`: simple-history's historical model and the fields it records, so a
  history row is written with one INSERT instead of through its post_save receiver.
- `keep_prefetched` / `prefetched`: rows just written remembered as a relation's prefetch
  cache, so reading them back needs no query.
- `bare_instance`, `cache_related`, `mark_saved`: a model instance made from values already
  validated, without `Model.__init__` (its defaults and related-object setters per field
  cost more than the rest of an imported row), and marked as stored once written.

Everything else in Wrench uses the plain ORM.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import query as django_query
from django.db.models.base import ModelState

M = TypeVar("M", bound=models.Model)

# --- Prepared reads ----------------------------------------------------------------------
# Stand-ins the queryset is compiled with: values no caller sends, recognised in the params.
_INTS = (-7_300_001, -7_300_002, -7_300_003)
_STRS = ("\x00wrench-1", "\x00wrench-2", "\x00wrench-3")


@dataclass(frozen=True)
class _Compiled:
    sql: str
    order: list[int]  # which argument each SQL parameter is
    compiler: Any
    converters: dict[int, Any]
    init_list: list[str]
    start: int
    end: int
    populators: list[Any]


# Django 5.2's signature (the type stubs follow a later Django that added `fetch_mode`).
_populators: Any = django_query.get_related_populators


class Prepared(Generic[M]):
    """`build(*values)` as SQL compiled once per database connection; `rows(*values)` runs it.

    `kinds` says for each argument whether it is an int ("i") or a str ("s"), so the
    stand-ins keep the types the ORM compiles against. The queryset must not use
    annotations or `only()`/`defer()`; its parameters must all be arguments."""

    def __init__(self, kinds: str, build: Callable[..., models.QuerySet[M]]) -> None:
        ints, strs = list(_INTS), list(_STRS)
        self.stand_ins = [ints.pop(0) if kind == "i" else strs.pop(0) for kind in kinds]
        self.build = build
        # Per connection: a compiler holds its connection (threads each have their own).
        self._compiled: weakref.WeakKeyDictionary[BaseDatabaseWrapper, _Compiled] = (
            weakref.WeakKeyDictionary()
        )

    def _compile(self, wrapper: BaseDatabaseWrapper) -> _Compiled:
        compiler = self.build(*self.stand_ins).query.get_compiler(connection=wrapper)
        sql, params = compiler.as_sql()
        if not all(p in self.stand_ins for p in params) or compiler.annotation_col_map:
            raise ValueError(f"{sql!r}: not a prepared read (parameters {params})")
        select, info = compiler.select, compiler.klass_info
        start, end = info["select_fields"][0], info["select_fields"][-1] + 1
        return _Compiled(
            sql=sql,
            order=[self.stand_ins.index(p) for p in params],
            compiler=compiler,
            converters=compiler.get_converters([s[0] for s in select[: compiler.col_count]]),
            init_list=[f[0].target.attname for f in select[start:end]],
            start=start,
            end=end,
            populators=_populators(info, select, wrapper.alias),
        )

    def rows(self, *values: Any) -> list[M]:
        wrapper = connections[DEFAULT_DB_ALIAS]
        done = self._compiled.get(wrapper)
        if done is None:
            done = self._compiled[wrapper] = self._compile(wrapper)
        with wrapper.cursor() as cursor:
            cursor.execute(done.sql, [values[i] for i in done.order])
            rows: Any = cursor.fetchall()
        if done.converters:
            rows = done.compiler.apply_converters(rows, done.converters)
        model, alias, found = done.compiler.klass_info["model"], wrapper.alias, []
        for row in rows:
            obj = model.from_db(alias, done.init_list, row[done.start : done.end])
            for populator in done.populators:
                populator.populate(row, obj)
            found.append(obj)
        return found


# --- Plain SQL writes -----------------------------------------------------------------


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


def update_rows(objs: Sequence[models.Model], columns: Sequence[str]) -> None:
    """`update_one` of many objects of one model: one prepared UPDATE run for every row
    (`executemany`: SQLite steps it, psycopg pipelines it)."""
    if not objs:
        return
    model = type(objs[0])
    values = [tuple(obj.__dict__[c] for c in columns) for obj in objs]
    fields, rows, _ = _adapted(model, columns, values)
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(str(f.column))} = %s" for f in fields)
    pk = quote(str(model._meta.pk.column))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {pk} = %s",
            [(*row, obj.pk) for row, obj in zip(rows, objs, strict=True)],
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


def sql_of(queryset: models.QuerySet[Any]) -> tuple[str, tuple[Any, ...]]:
    """The SQL and parameters a queryset compiles to, for a caller that runs it as SQL."""
    return queryset.query.sql_with_params()


# --- simple-history -----------------------------------------------------------------------


@functools.cache
def tracked_history(model: type[models.Model]) -> tuple[type[models.Model], tuple[str, ...]]:
    """simple-history's historical model of `model` and the attnames it records. Read once:
    each access to `Model.history` builds a new manager class."""
    history: Any = model.history.model  # type: ignore[attr-defined]
    return history, tuple(f.attname for f in history.tracked_fields)


# --- prefetch caches ----------------------------------------------------------------------


def keep_prefetched(obj: models.Model, name: str, rows: Iterable[models.Model]) -> None:
    """Remember `rows` as `obj.<name>.all()`, the way Django's prefetch_related keeps them."""
    related = getattr(obj, name).all()
    related._result_cache = list(rows)
    related._prefetch_done = True
    cache = getattr(obj, "_prefetched_objects_cache", None)
    if cache is None:
        cache = obj._prefetched_objects_cache = {}  # type: ignore[attr-defined]
    cache[name] = related


def prefetched(obj: models.Model, name: str) -> list[Any] | None:
    """The rows of `obj.<name>` already prefetched (or kept), or None when not."""
    cache = getattr(obj, "_prefetched_objects_cache", {})
    return list(cache[name]) if name in cache else None


# --- instances without __init__ ------------------------------------------------------------


def bare_instance(model: type[M], values: dict[str, Any], related: dict[str, Any]) -> M:
    """An unsaved `model` holding `values` (every concrete field's attname) with `related`
    (field name → object) as its related-object cache, made the way `Model.from_db` makes
    one: no `__init__`, so no defaults or setters run. The caller gives every value."""
    obj = model.__new__(model)
    obj.__dict__.update(values)
    obj._state = ModelState()
    obj._state.fields_cache = related
    return obj


def cache_related(obj: models.Model, name: str, value: models.Model) -> None:
    """Set the related object `name` of `obj` (and its id) without the descriptor's checks."""
    field = obj._meta.get_field(name)
    obj.__dict__[field.attname] = value.pk  # type: ignore[union-attr]
    obj._state.fields_cache[name] = value


def mark_saved(obj: models.Model) -> None:
    """Mark `obj` as read from the default database, as `save()` leaves it."""
    obj._state.adding, obj._state.db = False, connection.alias
