"""Domain queries on work orders: the lists a plant asks for, by name."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models

from wrench.workorders.status import GROUPS

if TYPE_CHECKING:
    from wrench.accounts.models import User
    from wrench.coding.models import CodeValue
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
        """Rows with their site, asset, people, trade and crew joined, and the six coding
        values fetched by id in one small query each. (Joining all twelve made a 13-table
        query, which PostgreSQL plans with its genetic optimizer: ~20 ms of planning for
        every list page and detail, far more than running it.)"""
        return self.select_related(
            "site", "asset", "requester", "trade", "crew", "assigned_to"
        ).prefetch_related("urgency", "timing", "reason", "action", "funding", "initiated_by")


class WorkOrderEventQuerySet(models.QuerySet["WorkOrderEvent"]):
    """Events are append-only: bulk edits and deletes are refused like single ones."""

    def update(self, **kwargs: Any) -> int:
        raise RuntimeError("work order events are append-only; they are never edited")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise RuntimeError("work order events are append-only; they are never deleted")


def uses_of_value(value: CodeValue) -> int:
    """How many work orders use `value` now or used it at any time in their history."""
    from wrench.coding.models import BUILTIN_KEYS
    from wrench.workorders.models import WorkOrder, WorkOrderCode

    key = value.characteristic.key
    if key in BUILTIN_KEYS:
        now = WorkOrder.objects.filter(**{f"{key}_id": value.pk}).count()
        before = WorkOrder.history.filter(**{f"{key}_id": value.pk}).values("id").distinct().count()
        return max(now, before)
    return WorkOrderCode.objects.filter(value=value).count() + (
        WorkOrderCode.history.filter(value_id=value.pk).values("work_order_id").distinct().count()
    )
