"""Reads whose SQL is compiled once per process: the small look-ups every write request makes.

Django compiles a queryset to SQL on every call; for a one-row look-up that is most of its
CPU (~0.3 ms for one table, ~1.5 ms with six `select_related` joins: more than the database
takes to answer). A `Prepared` read is written as an ORM queryset once, compiled with
stand-in values, and then run as that SQL with the real values; its rows become model
instances (related objects included) exactly as Django's own ModelIterable makes them,
with the compiler's select list, converters and related populators kept from the compile.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import query as django_query

M = TypeVar("M", bound=models.Model)

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
