"""On PostgreSQL the B1 backlog query walks the backlog index in order; it never sorts the table."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wrench.assets.models import Site
from wrench.workorders.filters import WorkOrderFilter, keyset_page
from wrench.workorders.models import WorkOrder

pytestmark = pytest.mark.postgres

B1 = {
    "reason": "OP,RI,SA",
    "action": "RE,SE,RB,VA",
    "timing": "R,U,D",
    "status": "backlog",
    "sort": "-priority,requested_at",
}


def test_backlog_page_uses_the_backlog_index(site: Site, people: dict[str, Any]) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("EXPLAIN shapes are PostgreSQL's")
    # given a plant big enough for the planner to prefer indexes, with fresh statistics
    call_command(
        "synth",
        work_orders=6000,
        assets=300,
        years=3,
        seed=5,
        site=site.code,
        until=dt.date(2026, 1, 31),
        stdout=None,
    )
    with connection.cursor() as cur:
        cur.execute("ANALYZE workorders_workorder")
    planner = people["planner"]
    flt = WorkOrderFilter.from_query({**B1, "asset": "SY01"})
    qs = flt.apply(WorkOrder.objects.visible_to(planner), user=planner)
    # when the first page and a later one are planned
    first = keyset_page(qs, flt, limit=10, cursor=None)
    assert first.next_cursor
    for cursor in (None, first.next_cursor):
        with CaptureQueriesContext(connection) as ctx:
            keyset_page(qs, flt, limit=10, cursor=cursor)
        with connection.cursor() as cur:
            cur.execute("EXPLAIN " + ctx.captured_queries[-1]["sql"])
            plan = "\n".join(row[0] for row in cur.fetchall())
        # then an index finds the rows: the first page reads its order from the backlog
        # index (no sort at all); later pages sort at most the few rows past the cursor
        assert "wo_backlog_prio" in plan, plan
        if cursor is None:
            assert "Sort" not in plan, plan
        assert "Seq Scan on workorders_workorder" not in plan, plan
