"""Coding health: how each value list is used, which values never are, and how many open
work orders lack a value they must have — the list an admin uses to improve the coding."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, F, OuterRef, QuerySet

from wrench.coding.models import BUILTIN_KEYS, Characteristic, CodeValue, Requirement
from wrench.reports import charts
from wrench.reports.table import Column, Report, Table, ratio_pct
from wrench.workorders.models import WorkOrder, WorkOrderCode
from wrench.workorders.status import GROUPS, Status


def _uses(qs: QuerySet[WorkOrder], key: str) -> dict[str, int]:
    grouped: Any
    if key in BUILTIN_KEYS:
        grouped = qs.values(abbr=F(f"{key}__abbreviation")).annotate(n=Count("id"))
    else:
        grouped = (
            WorkOrderCode.objects.filter(work_order__in=qs.values("pk"), characteristic__key=key)
            .values(abbr=F("value__abbreviation"))
            .annotate(n=Count("id"))
        )
    return {r["abbr"]: r["n"] for r in grouped.order_by() if r["abbr"]}


def _missing(qs: QuerySet[WorkOrder], key: str, required: str) -> int:
    """Open work orders the requirement applies to that hold no value for `key`."""
    open_ = qs.filter(status__in=GROUPS["open"])
    if required == Requirement.BEFORE_APPROVAL:
        open_ = open_.exclude(status=Status.WR)
    if key in BUILTIN_KEYS:
        return open_.filter(**{f"{key}__isnull": True}).count()
    coded = WorkOrderCode.objects.filter(work_order_id=OuterRef("pk"), characteristic__key=key)
    return open_.filter(~Exists(coded)).count()


def build(qs: QuerySet[WorkOrder], *, site_ids: list[int]) -> Report:
    chars = list(
        Characteristic.objects.filter(site_id__in=site_ids, active=True)
        .order_by("position", "key")
        .values("key", "name", "required")
        .distinct()
    )
    seen: set[str] = set()
    value_rows: list[dict[str, Any]] = []
    summary: list[dict[str, Any]] = []
    for ch in chars:  # one aggregate query per characteristic, not per work order
        key = ch["key"]
        if key in seen:
            continue
        seen.add(key)
        uses = _uses(qs, key)
        total = sum(uses.values())
        values = list(
            CodeValue.objects.filter(characteristic__site_id__in=site_ids, characteristic__key=key)
            .order_by("position", "abbreviation")
            .values("abbreviation", "value", "active")
            .distinct()
        )
        never = [v["abbreviation"] for v in values if not uses.get(v["abbreviation"])]
        for v in values:
            n = uses.get(v["abbreviation"], 0)
            value_rows.append(
                {
                    "characteristic": ch["name"],
                    "abbreviation": v["abbreviation"],
                    "value": v["value"],
                    "active": "yes" if v["active"] else "no",
                    "uses": n,
                    "share": ratio_pct(n, total),
                }
            )
        summary.append(
            {
                "characteristic": ch["name"],
                "required": Requirement(ch["required"]).label,
                "values": len(values),
                "never_used": len(never),
                "never_used_values": ", ".join(never),
                "open_missing": _missing(qs, key, ch["required"])
                if ch["required"] != Requirement.NO
                else None,
            }
        )
    chart = charts.bars(
        "Values never used, and open work orders lacking a required value",
        [str(s["characteristic"]).replace("WO – ", "") for s in summary],
        [
            ("values never used", [float(s["never_used"]) for s in summary]),
            ("open WOs missing a required value", [float(s["open_missing"] or 0) for s in summary]),
        ],
        ylabel="count",
    )
    return Report(
        "coding-health",
        "Coding health",
        "For each characteristic: how often each value is used by the work orders in scope, "
        "the values never used (candidates to drop or redefine), and how many open work "
        "orders lack a value the characteristic requires (on request: all open work; before "
        "approval: open work past review).",
        [
            Table(
                "summary",
                "By characteristic",
                [
                    Column("characteristic", "Characteristic"),
                    Column("required", "Required"),
                    Column("values", "Values", "int"),
                    Column("never_used", "Never used", "int"),
                    Column("never_used_values", "Values never used"),
                    Column("open_missing", "Open WOs missing a value", "int"),
                ],
                summary,
            ),
            Table(
                "values",
                "Use of each value",
                [
                    Column("characteristic", "Characteristic"),
                    Column("abbreviation", "Abbrev"),
                    Column("value", "Value"),
                    Column("active", "Active"),
                    Column("uses", "Work orders", "int"),
                    Column("share", "Share %", "pct"),
                ],
                value_rows,
            ),
        ],
        charts=[str(chart)],
    )
