"""Writing generated work orders in batches: executemany on SQLite, COPY on PostgreSQL.

Each batch is one transaction that takes the site's next numbers (the same row update
`create_work_order` uses, so a concurrent creator waits rather than collides) and ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import F

from wrench.assets.models import Site
from wrench.synth.orders import Order
from wrench.workorders.models import WorkOrder, WorkOrderEvent

EVENT_COLS = ["site_id", "work_order_id", "from_status", "to_status", "actor_id", "automatic"]
EVENT_COLS += ["reason", "at"]


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bool):
        return int(value)
    return value


class Writer:
    def __init__(self, site: Site) -> None:
        self.site = site
        self.fields = [f for f in WorkOrder._meta.concrete_fields]
        self.columns = [str(f.column) for f in self.fields]
        # Columns the generator does not set (location, crew, parent, and any column a
        # later change adds) take the field's default, prepared once.
        self.defaults: dict[str, Any] = {
            f.attname: f.get_default() for f in self.fields if f.attname not in ("id",)
        }
        self.sqlite = connection.vendor == "sqlite"
        convert: Callable[[Any], Any] = _sqlite_value if self.sqlite else (lambda v: v)
        self.convert = convert

    def _ids(self, n: int) -> list[int]:
        with connection.cursor() as cur:
            if self.sqlite:
                cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {WorkOrder._meta.db_table}")
                first = int(cur.fetchone()[0]) + 1
                return list(range(first, first + n))
            cur.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [WorkOrder._meta.db_table, n],
            )
            return [int(r[0]) for r in cur.fetchall()]

    def write(self, batch: list[Order]) -> None:
        n = len(batch)
        with transaction.atomic():
            Site.objects.filter(pk=self.site.pk).update(
                last_work_order_seq=F("last_work_order_seq") + n
            )
            last = (
                Site.objects.filter(pk=self.site.pk)
                .values_list("last_work_order_seq", flat=True)
                .get()
            )
            ids = self._ids(n)
            code = self.site.code.upper()
            rows = []
            events = []
            conv = self.convert
            attnames = [f.attname for f in self.fields]
            for k, (order, pk) in enumerate(zip(batch, ids, strict=True)):
                seq = last - n + 1 + k
                values = {**self.defaults, **order.values}
                values.update(id=pk, seq=seq, number=f"{code}-{seq:06d}")
                rows.append(tuple(conv(values[a]) for a in attnames))
                site_id = self.site.pk
                for frm, to, actor, at, reason in order.events:
                    auto = conv(actor is None and to == "WL")
                    events.append((site_id, pk, frm, to, actor, auto, reason, conv(at)))
            self._insert(WorkOrder._meta.db_table, self.columns, rows)
            self._insert(WorkOrderEvent._meta.db_table, EVENT_COLS, events)

    def _insert(self, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        raw = connection.connection
        if self.sqlite:
            marks = ", ".join("?" * len(columns))
            raw.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
            return
        with raw.cursor() as cur, cur.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)

    def finish(self) -> None:
        """Fresh planner statistics (and, on PostgreSQL, the visibility map)."""
        tables = [WorkOrder._meta.db_table, WorkOrderEvent._meta.db_table]
        with connection.cursor() as cur:
            for table in tables:
                # VACUUM (visibility map for index-only scans) outside a transaction only
                vacuum = not self.sqlite and connection.get_autocommit()
                cur.execute(f'{"VACUUM ANALYZE" if vacuum else "ANALYZE"} "{table}"')
