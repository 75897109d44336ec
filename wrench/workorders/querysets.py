"""Domain queries on work orders: the lists a plant asks for, by name."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models

from wrench.core.fastpath import Prepared
from wrench.workorders.status import GROUPS

if TYPE_CHECKING:
    from wrench.accounts.models import User
    from wrench.workorders.models import WorkOrder, WorkOrderEvent  # noqa: F401


# What a locked work order comes with: what the lifecycle's guards and effects, the services
# and a write's answer read (its coding comes from the site's cached CodingBook).
LOCKED_WITH = ("site", "asset", "requester", "trade", "crew", "assigned_to")


class WorkOrderQuerySet(models.QuerySet["WorkOrder"]):
    def locked(self, pk: int) -> WorkOrder:
        """The work order `pk`, its row locked until the transaction ends: the one row lock
        every service that changes a work order takes. Comes with LOCKED_WITH and its coding
        attached; NotFound when there is none."""
        from wrench.core.errors import NotFound

        try:  # get(), not first(): no ORDER BY to compile for one row
            wo = self.select_for_update(of=("self",)).select_related(*LOCKED_WITH).get(pk=pk)
        except self.model.DoesNotExist as exc:
            raise NotFound(f"no work order with id {pk}") from exc
        return _with_codes(wo)

    def locked_by_number(self, number: str, *, site_ids: Iterable[int]) -> WorkOrder:
        """`locked()` of the work order numbered `number` at one of `site_ids`, found and
        locked in one query compiled once per process (NotFound when there is none there:
        another site's work order is invisible)."""
        from wrench.core.errors import NotFound

        found = _locked_by_number().rows(number)
        if not found or found[0].site_id not in site_ids:
            raise NotFound(f"no work order {number!r} at your sites")
        return _with_codes(found[0])

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

    def in_queue_order(self) -> WorkOrderQuerySet:
        """Emergencies first (urgency E or on the emergency report), then urgent (U), then by
        priority and age: the order a supervisor or approver works a queue in."""
        rank = models.Case(
            models.When(models.Q(emergency=True) | models.Q(urgency__abbreviation="E"), then=0),
            models.When(urgency__abbreviation="U", then=1),
            default=2,
            output_field=models.IntegerField(),
        )
        return self.annotate(urgency_rank=rank).order_by(
            "urgency_rank", "-priority", "requested_at", "id"
        )

    def with_coding(self) -> WorkOrderQuerySet:
        """Rows with everything a list or detail shows: the optional trade, crew and
        assignee joined (LEFT JOINs keep the work order table the outer loop, so its
        indexes decide the plan), the rest fetched by id in one small query each. Joining
        all twelve made a 13-table query that PostgreSQL plans with its genetic optimizer
        (slow for every page), and inner joins let SQLite start from the asset table and sort."""
        return self.select_related("trade", "crew", "assigned_to").prefetch_related(
            "site", "asset", "requester", *CODE_RELATIONS
        )


def _with_codes(wo: WorkOrder) -> WorkOrder:
    """The work order with its coding attached from the site's CodingBook."""
    from wrench.coding.book import CodingBook
    from wrench.workorders.coding import attach_codes, keep_extra_codes

    book = CodingBook.for_site(wo.site_id, version=wo.site.coding_version)
    attach_codes(wo, book)
    if not book.has_extra_characteristics:
        keep_extra_codes(wo, [])  # none can exist: the answer needs no query for them
    return wo


@functools.cache
def _locked_by_number() -> Prepared[WorkOrder]:
    from wrench.workorders.models import WorkOrder

    return Prepared(
        "s",
        lambda number: (
            WorkOrder.objects.filter(number=number)
            .select_for_update(of=("self",))
            .select_related(*LOCKED_WITH)
            .order_by()
        ),
    )


CODE_RELATIONS = ("urgency", "timing", "reason", "action", "funding", "initiated_by")


class WorkOrderEventQuerySet(models.QuerySet["WorkOrderEvent"]):
    """Events are append-only: bulk edits and deletes are refused like single ones."""

    def update(self, **kwargs: Any) -> int:
        raise RuntimeError("work order events are append-only; they are never edited")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise RuntimeError("work order events are append-only; they are never deleted")
