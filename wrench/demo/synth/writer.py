"""Writing generated work orders: executemany on SQLite, text COPY on PostgreSQL.

Numbers and ids for the whole load are reserved up front in one short transaction (the
site's sequence row, as `create_work_order` takes it, and the id sequence), so a concurrent
creator never collides with a synthetic row. A large load (at least LARGE rows and at least
as many as the table holds) drops the tables' non-unique indexes and skips foreign key checks
while it writes — the generator only uses ids it read from the database — and always
rebuilds the indexes afterwards (in a `finally`), then refreshes the planner's statistics.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from django.db import connection, transaction
from django.db.models import F

from wrench.assets.models import Site
from wrench.demo.synth.orders import COLUMNS, EVENT_COLUMNS
from wrench.workorders.models import WorkOrder, WorkOrderEvent

LARGE = 50_000
Row = tuple[str | None, ...]
Payload = tuple[list[Row], list[Row]] | tuple[str, str]


def pg_escape(text: str) -> str:
    """A value for COPY's text format."""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class Writer:
    def __init__(self, site: Site) -> None:
        self.site = site
        self.sqlite = connection.vendor == "sqlite"
        self.null: str | None = None if self.sqlite else "\\N"
        # Columns the generator does not set (location, crew, parent, and any column a
        # later change adds) take the field's default, prepared once.
        extra = [f for f in WorkOrder._meta.concrete_fields if f.column not in COLUMNS]
        self.columns = COLUMNS + [str(f.column) for f in extra]
        self.defaults: Row = tuple(self._plain(f.get_default()) for f in extra)
        self._synchronous = 2
        self.tail = "".join("\t" + str(v) for v in self.defaults)  # COPY text

    def _plain(self, value: Any) -> str | None:
        if value is None:
            return self.null
        if isinstance(value, bool):
            return "1" if value else "0"
        text = str(value)
        return text if self.sqlite else pg_escape(text)

    def reserve(self, n: int) -> tuple[int, int]:
        """First id and first number of `n` rows, taken from the sequences at once."""
        table = WorkOrder._meta.db_table
        with transaction.atomic():
            Site.objects.filter(pk=self.site.pk).update(
                last_work_order_seq=F("last_work_order_seq") + n
            )
            last = (
                Site.objects.filter(pk=self.site.pk)
                .values_list("last_work_order_seq", flat=True)
                .get()
            )
            with connection.cursor() as cur:
                if self.sqlite:
                    cur.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
                    top = int(cur.fetchone()[0])
                    cur.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                    row = cur.fetchone()
                    first = max(top, int(row[0]) if row else 0) + 1
                    cur.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                    cur.execute(
                        "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                        [table, first + n - 1],
                    )
                else:
                    cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
                    first = int(cur.fetchone()[0])
                    if n > 1:
                        cur.execute(
                            "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                            [table, first + n - 1],
                        )
        return first, last - n + 1

    def encode(self, rows: list[Row], events: list[Row]) -> Payload:
        """What `write` sends: parameter rows for SQLite, COPY text for PostgreSQL (made
        wherever the rows are generated, so a child process does this work too)."""
        if self.sqlite:
            defaults = self.defaults
            return [r + defaults for r in rows], events
        tail = self.tail
        wo_text = "".join("\t".join(r) + tail + "\n" for r in rows)  # type: ignore[arg-type]
        return wo_text, "".join("\t".join(e) + "\n" for e in events)  # type: ignore[arg-type]

    def write(self, payload: Payload) -> None:
        orders, events = payload
        if self.sqlite:
            raw = connection.connection
            with transaction.atomic():
                raw.executemany(self._insert(WorkOrder, self.columns), orders)
                raw.executemany(self._insert(WorkOrderEvent, EVENT_COLUMNS), events)
            return
        with transaction.atomic():
            self.copy_text(WorkOrder, self.columns, orders)  # type: ignore[arg-type]
            self.copy_text(WorkOrderEvent, EVENT_COLUMNS, events)  # type: ignore[arg-type]

    def copy_text(self, model: Any, columns: list[str], text: str) -> None:
        if not text:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        with (
            connection.connection.cursor() as cur,
            cur.copy(f'COPY "{model._meta.db_table}" ({names}) FROM STDIN') as copy,
        ):
            copy.write(text)

    @staticmethod
    def _insert(model: Any, columns: list[str]) -> str:
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" * len(columns))
        return f'INSERT INTO "{model._meta.db_table}" ({names}) VALUES ({marks})'

    @contextlib.contextmanager
    def loading(self, n: int) -> Iterator[None]:
        """Around the whole load: for a large one, indexes off and rebuilt; then ANALYZE."""
        with connection.cursor() as cur:
            cur.execute(f'SELECT COUNT(*) FROM "{WorkOrder._meta.db_table}"')
            held = int(cur.fetchone()[0])
        large = n >= LARGE and n >= held and not connection.in_atomic_block
        dropped: list[str] = []
        try:
            if large:
                dropped = self._drop_indexes()
                self._fast(True)
            yield
        finally:
            if large:
                self._fast(False)
                with connection.cursor() as cur:
                    for sql in dropped:
                        cur.execute(sql)
            self._analyze()

    def _drop_indexes(self) -> list[str]:
        """Drop the non-unique indexes of both tables; return the statements that rebuild them."""
        tables = [WorkOrder._meta.db_table, WorkOrderEvent._meta.db_table]
        with connection.cursor() as cur:
            if self.sqlite:
                cur.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                    f" AND tbl_name IN ({', '.join(['%s'] * len(tables))})"
                    " AND sql NOT LIKE 'CREATE UNIQUE%%'",
                    tables,
                )
            else:
                cur.execute(
                    "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x"
                    " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                    " WHERE t.relname = ANY(%s) AND NOT x.indisunique AND NOT x.indisprimary",
                    [tables],
                )
            found = cur.fetchall()
            for name, _ in found:
                cur.execute(f'DROP INDEX "{name}"')
        return [sql for _, sql in found]

    def _fast(self, on: bool) -> None:
        """Skip foreign key checks (and, on SQLite, fsync) for this connection's load."""
        with connection.cursor() as cur:
            if self.sqlite:
                if on:
                    cur.execute("PRAGMA synchronous")
                    self._synchronous = int(cur.fetchone()[0])
                cur.execute(f"PRAGMA foreign_keys = {'OFF' if on else 'ON'}")
                cur.execute(f"PRAGMA synchronous = {0 if on else self._synchronous}")
                return
            # Needs a superuser; without one the checks simply stay on.
            with contextlib.suppress(Exception), transaction.atomic():
                cur.execute(f"SET session_replication_role = {'replica' if on else 'DEFAULT'}")

    def _analyze(self) -> None:
        """Fresh planner statistics (and, on PostgreSQL, the visibility map)."""
        tables = [WorkOrder._meta.db_table, WorkOrderEvent._meta.db_table]
        with connection.cursor() as cur:
            for table in tables:
                # VACUUM (visibility map for index-only scans) outside a transaction only
                vacuum = not self.sqlite and connection.get_autocommit()
                cur.execute(f'{"VACUUM ANALYZE" if vacuum else "ANALYZE"} "{table}"')
