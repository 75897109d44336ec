"""B4: the figures a maintenance manager's dashboard shows for one site-year, in SQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncWeek

from wrench.workorders.models import WorkOrder
from wrench.workorders.status import GROUPS


def dashboard_figures(site_id: int, year: int) -> dict[str, Any]:
    """Counts by status, urgency, reason and action; emergencies; backlog hours by trade;
    work completed per week. Work requested in `year` (backlog: open now)."""
    start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)
    site = WorkOrder.objects.filter(site_id=site_id)
    in_year = site.filter(requested_at__gte=start, requested_at__lt=end)
    figures: dict[str, Any] = {
        "by_status": dict(in_year.values_list("status").annotate(n=Count("id"))),
        "emergencies": in_year.filter(emergency=True).count(),
    }
    for key in ("urgency", "reason", "action"):
        figures[f"by_{key}"] = dict(
            in_year.values_list(f"{key}__abbreviation").annotate(n=Count("id"))
        )
    figures["backlog_hours_by_trade"] = {
        trade: float(hours or 0)
        for trade, hours in site.filter(status__in=GROUPS["backlog"])
        .values_list("trade__code")
        .annotate(h=Sum("estimated_hours"))
    }
    figures["completed_per_week"] = [
        (week.date().isoformat(), n)
        for week, n in site.filter(completed_at__gte=start, completed_at__lt=end)
        .annotate(week=TruncWeek("completed_at"))
        .values_list("week")
        .annotate(n=Count("id"))
        .order_by("week")
    ]
    figures["open_emergencies"] = site.filter(
        Q(emergency=True) & Q(status__in=GROUPS["open"])
    ).count()
    return figures
