"""My work's schedule section: the technician's jobs this week, day by day.

Named in settings (`WRENCH_MY_WORK_SECTIONS`) so the work order app's page shows it without
importing scheduling (which sits above it).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from wrench.accounts.models import User
from wrench.core import clock
from wrench.scheduling.models import ScheduleItem

LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def week_section(request: HttpRequest, user: User) -> tuple[str, dict[str, Any]] | None:
    """(template, context) of the person's days this week, or None if they are on no schedule."""
    today = timezone.localdate(clock.now())
    monday = today - dt.timedelta(days=today.weekday())
    items = (
        ScheduleItem.objects.for_person(user.pk, monday, monday + dt.timedelta(days=6))
        .select_related("work_order__asset", "crew", "trade", "schedule")
        .order_by("day", "-work_order__priority", "work_order__number")
    )
    days: dict[dt.date, list[dict[str, Any]]] = {}
    week = ""
    for item in items:
        week = item.schedule.week
        days.setdefault(item.day, []).append(
            {
                "number": item.work_order.number,
                "title": item.work_order.title,
                "status": item.work_order.status,
                "asset": item.work_order.asset.code if item.work_order.asset else "",
                "crew": item.crew.code,
                "trade": item.trade.code,
                "hours": (item.hours / max(item.people_needed, 1)).quantize(Decimal("0.1")),
                "break_in": item.break_in,
            }
        )
    if not days:
        return None
    shown = [
        {
            "day": d,
            "label": LABELS[d.weekday()],
            "today": d == today,
            "jobs": days.get(d, []),
            "hours": sum((j["hours"] for j in days.get(d, [])), Decimal(0)),
        }
        for d in (monday + dt.timedelta(days=k) for k in range(7))
        if d.weekday() < 5 or d in days
    ]
    return "scheduling/_my_week.html", {"week": week, "days": shown}
