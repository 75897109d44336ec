"""Time charges: the hours a person of a trade worked on a work order on a day (actuals)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from wrench.labor.querysets import TimeChargeQuerySet


class TimeCharge(models.Model):
    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    work_order = models.ForeignKey(
        "workorders.WorkOrder", on_delete=models.PROTECT, related_name="time_charges"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    trade = models.ForeignKey("assets.Trade", on_delete=models.PROTECT, related_name="+")
    date = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    note = models.CharField(max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField()

    objects = TimeChargeQuerySet.as_manager()

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24), name="timecharge_hours_in_a_day"
            )
        ]
        indexes = [
            models.Index(fields=["work_order", "date"], name="timecharge_wo_date"),
            models.Index(fields=["person", "date"], name="timecharge_person_date"),
            # Reports read the charges of a period (weeks), across work orders.
            models.Index(fields=["date"], name="timecharge_date"),
        ]
        permissions = [
            ("charge_time", "Charge one's own time to work orders"),
            ("charge_time_for_others", "Enter time for other people"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.date} {self.hours} h on {self.work_order_id}"
