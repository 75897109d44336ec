"""What the reports keep of their own: emergency report runs and trade capacities.

Downtime, which MTTR and MTBF are computed from, belongs to the asset (assets.Downtime).
"""

from __future__ import annotations

from django.db import models


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
