"""What the reports keep of their own: emergency report runs and trade capacities.

Downtime, which MTTR and MTBF are computed from, belongs to the asset (assets.Downtime).
"""

from __future__ import annotations

from django.db import models


class EmergencyReportRun(models.Model):
    """One emergency report sent for one site: it covers from the end of the site's previous
    report (or the start of its day) to the end of its day or the moment it ran, whichever is
    sooner. Reports follow each other with no gap, and running the command twice sends once."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    day = models.DateField(help_text="The day the report was asked for.")
    covered_from = models.DateTimeField(help_text="Emergencies raised from this moment ...")
    covered_until = models.DateTimeField(help_text="... up to (not including) this one.")
    work_orders = models.PositiveIntegerField(default=0)
    recipients = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-covered_until", "site"]
        constraints = [
            # Two runs at once both start where the previous report ended: one of them wins.
            models.UniqueConstraint("site", "covered_from", name="one_emergency_report_per_start"),
            models.CheckConstraint(
                condition=models.Q(covered_until__gt=models.F("covered_from")),
                name="emergency_report_covers_a_period",
            ),
        ]

    def __str__(self) -> str:
        return f"emergency report {self.site_id} {self.covered_from}–{self.covered_until}"


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


class UrgentReportRun(models.Model):
    """The weekly urgent-work report sent for one site and one week (Monday): sent once."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    week = models.DateField(help_text="Monday of the week reported.")
    emergency = models.PositiveIntegerField(default=0)
    urgent = models.PositiveIntegerField(default=0)
    recipients = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-week", "site"]
        constraints = [models.UniqueConstraint("site", "week", name="one_urgent_report_per_week")]

    def __str__(self) -> str:
        return f"urgent report {self.site_id} {self.week}"
