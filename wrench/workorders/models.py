"""The work order, its lifecycle events, comments and extra coding."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from wrench.workorders.querysets import WorkOrderEventQuerySet, WorkOrderQuerySet
from wrench.workorders.status import GROUPS, Status

OPEN_STATUSES = list(GROUPS["open"])
# Fields whose index the history table does not copy (see WorkOrder.history).
HISTORY_UNINDEXED = [
    "number",
    "site",
    "asset",
    "requester",
    "assigned_to",
    "crew",
    "trade",
    "parent",
    *("urgency", "timing", "action", "reason", "funding", "initiated_by"),
]
BACKLOG_STATUSES = list(GROUPS["backlog"])

_ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


def _code(help_text: str) -> models.ForeignKey[Any, Any]:
    return models.ForeignKey(
        "coding.CodeValue",
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # a value any work order uses can never be deleted
        related_name="+",
        help_text=help_text,
    )


class WorkOrder(models.Model):
    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT)
    seq = models.PositiveIntegerField(editable=False)
    number = models.CharField(max_length=24, unique=True, editable=False)
    title = models.CharField(max_length=200)
    description = models.TextField()
    asset = models.ForeignKey(
        "assets.Asset", null=True, blank=True, on_delete=models.PROTECT, related_name="work_orders"
    )
    location = models.CharField(max_length=200, blank=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="requested_work_orders"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    needed_by = models.DateField(null=True, blank=True)

    urgency = _code("WO – Urgency")
    timing = _code("WO – Timing")
    reason = _code("WO – Reason")
    action = _code("WO – Action")
    funding = _code("WO – Funding")
    initiated_by = _code("WO – How initiated (ID by)")

    priority = models.PositiveSmallIntegerField(
        default=0, help_text="Priority rating: higher is done first; sorts the backlog."
    )
    consequence = models.PositiveSmallIntegerField(null=True, blank=True, validators=_ONE_TO_FIVE)
    probability = models.PositiveSmallIntegerField(null=True, blank=True, validators=_ONE_TO_FIVE)

    estimated_hours = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal(0))
    estimated_cost = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))
    approved_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    project_number = models.CharField(
        max_length=40, blank=True, help_text="Account override for major maintenance or capital."
    )

    status = models.CharField(max_length=2, choices=Status.choices, default=Status.WR)
    status_changed_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True, help_text="Physically complete.")
    closed_at = models.DateTimeField(null=True, blank=True)
    findings = models.TextField(blank=True)

    emergency = models.BooleanField(default=False, help_text="On the daily emergency report.")
    warranty_flag = models.BooleanField(default=False)

    trade = models.ForeignKey(
        "assets.Trade", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    crew = models.ForeignKey(
        "assets.Crew", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_work_orders",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )

    # Work moved in from a legacy CMMS (the imports app): its number there, the key that
    # makes an import idempotent, and the actuals it recorded (live work charges time).
    legacy_number = models.CharField(
        max_length=40, blank=True, help_text="Work order number in the legacy system."
    )
    legacy_labour_hours = models.DecimalField(
        max_digits=9, decimal_places=2, null=True, blank=True, help_text="Labour hours (legacy)."
    )
    legacy_cost = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Actual cost (legacy)."
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The history is read per work order (by id) in date order; the other indexes a
    # historical model copies from its fields cost every write and serve no query (I1).
    history = HistoricalRecords(excluded_fields=["updated_at"], no_db_index=HISTORY_UNINDEXED)
    objects = WorkOrderQuerySet.as_manager()

    class Meta:
        ordering = ["-priority", "requested_at", "id"]
        constraints = [
            models.UniqueConstraint("site", "seq", name="workorder_seq_unique_per_site"),
            models.UniqueConstraint(
                "site",
                "legacy_number",
                condition=~models.Q(legacy_number=""),
                name="workorder_legacy_number_unique_per_site",
            ),
            models.CheckConstraint(
                condition=models.Q(estimated_cost__gte=0) & models.Q(estimated_hours__gte=0),
                name="workorder_estimates_not_negative",
            ),
        ]
        indexes = [
            models.Index(
                fields=["site", "status", "-priority", "requested_at", "id"],
                name="wo_site_status_prio",
            ),
            models.Index(fields=["site", "-priority", "requested_at", "id"], name="wo_site_prio"),
            # The open work (a few % of all rows) in backlog order, with the columns lists
            # filter on: a backlog page walks it in order and stops after 50 rows, without
            # sorting. PostgreSQL reads the included columns from the index alone.
            models.Index(
                fields=["site", "-priority", "requested_at", "id"],
                include=["status", "reason", "action", "timing", "urgency", "asset"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="wo_open_prio",
            ),
            # The backlog alone (the planner's list, filter B1 of `make bench`) in the same
            # order: walking it whole never costs more than fetching the backlog rows by
            # status and sorting them, so both databases walk it and stop after one page.
            models.Index(
                fields=["site", "-priority", "requested_at", "id"],
                condition=models.Q(status__in=BACKLOG_STATUSES),
                name="wo_backlog_prio",
            ),
            models.Index(fields=["site", "requested_at"], name="wo_site_requested"),
            models.Index(fields=["site", "needed_by"], name="wo_site_needed_by"),
            # The dashboard and the KPI report: work completed in a period (rework, estimated
            # hours by trade), and emergency and urgent work raised in the last weeks,
            # counted and summed from the index alone (PostgreSQL needs the id included).
            models.Index(
                fields=["site", "completed_at", "trade", "estimated_hours"],
                include=["id"],
                name="wo_site_completed_est",
            ),
            models.Index(fields=["site", "urgency", "requested_at"], name="wo_site_urg_requested"),
        ]
        permissions = [
            ("request_work", "Raise a work request"),
            (
                "review_request",
                "Review work requests: send for approval, approve within limit, reject",
            ),
            ("approve_workorder", "Approve or reject work waiting (re-)approval"),
            ("plan_workorder", "Plan work: backlog → planning → waiting materials / ready"),
            ("schedule_workorder", "Put work on or take it off a schedule"),
            ("start_work", "Start scheduled or ready work"),
            ("start_emergency", "Start emergency work straight from the request"),
            ("complete_work", "Mark work physically complete"),
            ("reopen_work", "Reopen physically complete work"),
            ("close_workorder", "Close work orders after the closing delay"),
            ("cancel_workorder", "Cancel work orders"),
            ("cancel_own_request", "Cancel one's own work request"),
            ("add_comment", "Comment on work orders"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return f"/wo/{self.number}/"


class WorkOrderCode(models.Model):
    """The value of a characteristic an admin added (one per work order and characteristic)."""

    # The work order's site, copied: a table that grows with the work carries its site
    # (docs/scaling.md: sharding by site keeps a work order and its codes on one node).
    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="extra_codes")
    characteristic = models.ForeignKey("coding.Characteristic", on_delete=models.PROTECT)
    value = models.ForeignKey("coding.CodeValue", on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(no_db_index=["site", "characteristic", "value"])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "work_order", "characteristic", name="one_value_per_characteristic"
            )
        ]

    def __str__(self) -> str:
        return f"{self.characteristic_id}={self.value_id}"


class WorkOrderEvent(models.Model):
    """One lifecycle step. Append-only: rows are never edited or deleted."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    work_order = models.ForeignKey(WorkOrder, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=2, blank=True, choices=Status.choices)
    to_status = models.CharField(max_length=2, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    automatic = models.BooleanField(default=False, help_text="Made by a process effect.")
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    objects = WorkOrderEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["work_order", "at"], name="woevent_wo_at"),
            # Reopened work (CO → IP, rare): the rework KPI reads it without visiting every
            # event of the period's completed work. Queries write the condition literally.
            models.Index(
                fields=["work_order"],
                condition=models.Q(from_status="CO", to_status="IP"),
                name="woevent_reopened",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise RuntimeError("work order events are append-only; they are never edited")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("work order events are append-only; they are never deleted")


class Comment(models.Model):
    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author} on {self.work_order_id}"


class SavedView(models.Model):
    """A person's named work order list: the backlog page's query string, kept by name.

    The query is the whole state of the list (filters and sort), so the page URL
    `/backlog/?<query>` is the view itself and can be shared with anyone at the site.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    name = models.CharField(max_length=80)
    query = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["owner", "name"]
        constraints = [
            models.UniqueConstraint("owner", "name", name="savedview_name_unique_per_owner")
        ]

    def __str__(self) -> str:
        return self.name


from wrench.workorders.attachments import Attachment  # noqa: E402, F401  (a model of this app)
