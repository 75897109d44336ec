"""Domain queries on work orders: the lists a plant asks for, by name."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models

from wrench.workorders.status import GROUPS

if TYPE_CHECKING:
    from wrench.accounts.models import User
    from wrench.workorders.models import WorkOrder, WorkOrderEvent  # noqa: F401


class WorkOrderQuerySet(models.QuerySet["WorkOrder"]):
    def visible_to(self, user: User) -> WorkOrderQuerySet:
        return self.filter(site_id__in=user.site_ids())

    def in_group(self, group: str) -> WorkOrderQuerySet:
        return self.filter(status__in=GROUPS[group])

    def open(self) -> WorkOrderQuerySet:
        return self.in_group("open")

    def backlog(self) -> WorkOrderQuerySet:
        """Approved work not yet started, highest priority first."""
        return self.in_group("backlog").order_by("-priority", "requested_at", "id")

    def ready_to_schedule(self) -> WorkOrderQuerySet:
        return self.in_group("ready")

    def emergency_since(self, since: dt.datetime) -> WorkOrderQuerySet:
        return self.filter(emergency=True, requested_at__gte=since)

    def with_coding(self) -> WorkOrderQuerySet:
        """Rows with everything a list or detail shows: the optional trade, crew and
        assignee joined (LEFT JOINs keep the work order table the outer loop, so its
        indexes decide the plan), the rest fetched by id in one small query each. Joining
        all twelve made a 13-table query that PostgreSQL plans with its genetic optimizer
        (~20 ms per page), and inner joins let SQLite start from the asset table and sort."""
        return self.select_related("trade", "crew", "assigned_to").prefetch_related(
            "site", "asset", "requester", *CODE_RELATIONS
        )


CODE_RELATIONS = ("urgency", "timing", "reason", "action", "funding", "initiated_by")


class WorkOrderEventQuerySet(models.QuerySet["WorkOrderEvent"]):
    """Events are append-only: bulk edits and deletes are refused like single ones."""

    def update(self, **kwargs: Any) -> int:
        raise RuntimeError("work order events are append-only; they are never edited")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise RuntimeError("work order events are append-only; they are never deleted")
