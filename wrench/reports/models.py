"""Downtime: how long an asset was out of service because of a failure.

MTTR and MTBF need it and the work order core has no such field; it lives here so the
reports app owns what it computes from. One row per failure, tied to the work order
that repaired it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Downtime(models.Model):
    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    asset = models.ForeignKey("assets.Asset", on_delete=models.PROTECT, related_name="downtimes")
    work_order = models.OneToOneField(
        "workorders.WorkOrder",
        on_delete=models.PROTECT,
        related_name="downtime",
        help_text="The work order that repaired the failure.",
    )
    started_at = models.DateTimeField(help_text="The asset stopped (the failure).")
    ended_at = models.DateTimeField(help_text="The asset was back in service.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["started_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__gt=F("started_at")), name="downtime_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["site", "started_at"], name="downtime_site_started")]
        permissions = [("record_downtime", "Record the downtime of a failure")]

    def __str__(self) -> str:
        return f"{self.asset_id} down {self.started_at:%Y-%m-%d %H:%M} → {self.ended_at:%H:%M}"


class EmergencyReportRun(models.Model):
    """One emergency report sent for one site and day: running the command twice sends once."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    day = models.DateField(help_text="The day the report covers.")
    work_orders = models.PositiveIntegerField(default=0)
    recipients = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-day", "site"]
        constraints = [
            models.UniqueConstraint("site", "day", name="one_emergency_report_per_site_day")
        ]

    def __str__(self) -> str:
        return f"emergency report {self.site_id} {self.day}"


class TradeCapacity(models.Model):
    """Weekly labour capacity of a trade at a site, to express backlog in crew-weeks.

    Without a row, reports count the active people of the trade × 40 h.
    """

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    trade = models.OneToOneField("assets.Trade", on_delete=models.PROTECT, related_name="capacity")
    people = models.PositiveSmallIntegerField(default=1)
    hours_per_person_week = models.DecimalField(max_digits=5, decimal_places=2, default=40)

    class Meta:
        ordering = ["site", "trade"]
        verbose_name_plural = "trade capacities"

    def __str__(self) -> str:
        return f"{self.trade_id}: {self.people} × {self.hours_per_person_week} h/week"
