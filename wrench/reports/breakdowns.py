"""Counts and hours of work by one characteristic, or by two crossed, over a period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet, Sum

from wrench.reports import charts, dimensions, labour
from wrench.reports.table import Column, Report, Table, hours
from wrench.workorders.models import WorkOrder


def build(
    qs: QuerySet[WorkOrder],
    *,
    site_ids: list[int],
    by: str,
    cross: str | None,
    start: dt.datetime,
    end: dt.datetime,
) -> Report:
    by = dimensions.check(by, "by", site_ids)
    if cross:
        cross = dimensions.check(cross, "cross", site_ids)
    names = dimensions.known(site_ids)
    keys = [by] + ([cross] if cross else [])
    grouped = (
        qs.filter(requested_at__gte=start, requested_at__lt=end)
        .annotate(
            **{f"d{i}": dimensions.expression(k) for i, k in enumerate(keys)},
            charged=labour.charged_hours(),
        )
        .values(*[f"d{i}" for i in range(len(keys))])
        .annotate(n=Count("id"), est=Sum("estimated_hours"), act=Sum("charged"))
        .order_by(*[f"d{i}" for i in range(len(keys))])
    )
    label_maps = [dimensions.labels(k, site_ids) for k in keys]
    rows = []
    for row in grouped:  # already aggregated: one row per group, not per work order
        out: dict[str, Any] = {}
        for i, key in enumerate(keys):
            raw = row[f"d{i}"]
            out[key] = label_maps[i].get(raw, raw) if raw else dimensions.NONE
        out.update(
            count=row["n"], estimated_hours=hours(row["est"]), actual_hours=hours(row["act"])
        )
        rows.append(out)
    columns = [Column(k, names[k]) for k in keys] + [
        Column("count", "Work orders", "int"),
        Column("estimated_hours", "Estimated h", "hours"),
        Column("actual_hours", "Charged h", "hours"),
    ]
    title = f"Work by {names[by]}" + (f" × {names[cross]}" if cross else "")
    return Report(
        "breakdown",
        title,
        "Work orders raised in the period, grouped by the chosen characteristic (and a "
        "second one crossed with it). Work orders without a value are counted under "
        f"{dimensions.NONE}, so the totals always add up.",
        [Table("breakdown", title, columns, rows)],
        charts=[_chart(title, rows, by, cross)],
        period=(start, end),
    )


def _chart(title: str, rows: list[dict[str, Any]], by: str, cross: str | None) -> str:
    firsts = list(dict.fromkeys(str(r[by]).split(" – ")[0] for r in rows))
    if not cross:
        counts = [float(r["count"]) for r in rows]
        return str(charts.bars(title, firsts, [("work orders", counts)], ylabel="work orders"))
    seconds = list(dict.fromkeys(str(r[cross]) for r in rows))
    cell = {(str(r[by]).split(" – ")[0], str(r[cross])): float(r["count"]) for r in rows}
    series = [(s, [cell.get((f, s), 0.0) for f in firsts]) for s in seconds]
    return str(charts.bars(title, firsts, series, ylabel="work orders", stacked=True))
