"""Planning details of a work order for the packet (tasks, materials, labour)."""

from __future__ import annotations

from typing import Any

from wrench.workorders.models import WorkOrder


def tasks(wo: WorkOrder) -> list[str]:
    return []


def materials(wo: WorkOrder) -> list[dict[str, Any]]:
    return []


def labour(wo: WorkOrder) -> list[dict[str, Any]]:
    if wo.trade_id is None and not wo.estimated_hours:
        return []
    return [{"trade": wo.trade.name if wo.trade else "", "people": "", "hours": wo.estimated_hours}]


def safety_notes(wo: WorkOrder) -> list[str]:
    return []
