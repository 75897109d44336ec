"""Preventive maintenance: meters and their readings, PM plans and the occurrences they raise.

A plan falls due by time (every `interval_days`, from the due date or from the last
completion), by meter (every `meter_interval` units of the meter's running total), or by
whichever comes first. Each due occurrence is one `PmOccurrence` row, unique per plan and
sequence number: the key that keeps generation idempotent, whoever runs it and how often.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from wrench.pm.querysets import PmPlanQuerySet

_MONTH = [MinValueValidator(1), MaxValueValidator(12)]


def _code(help_text: str) -> models.ForeignKey[Any, Any]:
    return models.ForeignKey(
        "coding.CodeValue",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=help_text,
    )


class Meter(models.Model):
    """A counter on an asset: operating hours, km, cycles, tonnes.

    `total` is the usage since the meter was set up, across rollovers and replacements:
    meter plans count on it, never on the raw reading.
    """

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    asset = models.ForeignKey("assets.Asset", on_delete=models.PROTECT, related_name="meters")
    name = models.CharField(max_length=80)
    unit = models.CharField(max_length=20, help_text="h, km, cycles, t …")
    max_per_day = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The most the meter can plausibly advance in a day (24 for hours); empty: "
        "no check.",
    )
    rollover_at = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The reading at which the meter's display starts again from 0.",
    )
    last_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    last_at = models.DateTimeField(null=True, blank=True)
    total = models.DecimalField(max_digits=16, decimal_places=2, default=Decimal(0))
    rate_per_day = models.DecimalField(
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Recent usage per day (the last 30 days of readings): dates meter plans.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["site", "asset", "name", "id"]
        constraints = [
            models.UniqueConstraint("asset", "name", name="meter_name_unique_per_asset"),
        ]
        permissions = [("record_reading", "Record meter readings")]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class ReadingKind(models.TextChoices):
    READING = "reading", "Reading"
    ROLLOVER = "rollover", "Rollover: the display passed its maximum and started again"
    REPLACEMENT = "replacement", "Replacement: a new meter, counting from this reading"


class MeterReading(models.Model):
    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="readings")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    at = models.DateTimeField()
    kind = models.CharField(max_length=12, choices=ReadingKind.choices, default=ReadingKind.READING)
    delta = models.DecimalField(
        max_digits=14, decimal_places=2, help_text="Usage since the previous reading."
    )
    total = models.DecimalField(
        max_digits=16, decimal_places=2, help_text="The meter's running total after it."
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["meter", "at", "id"]
        indexes = [models.Index(fields=["meter", "at"], name="meterreading_meter_at")]

    def __str__(self) -> str:
        return f"{self.value} at {self.at:%Y-%m-%d %H:%M}"


class Schedule(models.TextChoices):
    FIXED = "fixed", "Fixed: the next due date counts from the last due date"
    FLOATING = "floating", "Floating: the next due date counts from the last completion"


class Enters(models.TextChoices):
    BL = "BL", "Backlog (BL): the planner plans it"
    RS = "RS", "Ready to schedule (RS) when nothing is outstanding"


class PmPlan(models.Model):
    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    asset = models.ForeignKey("assets.Asset", on_delete=models.PROTECT, related_name="pm_plans")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    job_plan = models.ForeignKey(
        "planning.JobPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    storeroom = models.ForeignKey(
        "materials.Storeroom",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Where the job plan's stock is reserved from.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Requester of the work the plan raises.",
    )
    # The coding of the work it raises; initiated_by is set by the trigger (T time, H meter).
    urgency = _code("WO – Urgency")
    timing = _code("WO – Timing")
    reason = _code("WO – Reason")
    action = _code("WO – Action")
    funding = _code("WO – Funding")
    priority = models.PositiveSmallIntegerField(default=0)
    lead_days = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(365)], help_text="Raise the work this early."
    )
    enters = models.CharField(max_length=2, choices=Enters.choices, default=Enters.BL)
    active = models.BooleanField(default=True)
    paused_reason = models.CharField(max_length=200, blank=True)

    schedule = models.CharField(max_length=10, choices=Schedule.choices, default=Schedule.FIXED)
    interval_days = models.PositiveIntegerField(null=True, blank=True)
    first_due = models.DateField(null=True, blank=True)
    next_due = models.DateField(null=True, blank=True, help_text="Time trigger: next due date.")
    meter = models.ForeignKey(
        Meter, null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    meter_interval = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    next_meter_due = models.DecimalField(
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Meter trigger: the meter total at which it falls due.",
    )
    season_from = models.PositiveSmallIntegerField(null=True, blank=True, validators=_MONTH)
    season_to = models.PositiveSmallIntegerField(null=True, blank=True, validators=_MONTH)

    occurrences_made = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, help_text="Why the last generation failed.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PmPlanQuerySet.as_manager()

    class Meta:
        ordering = ["site", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_days__isnull=False) | Q(meter__isnull=False),
                name="pmplan_has_a_trigger",
            ),
            models.CheckConstraint(
                condition=Q(meter__isnull=True) | Q(meter_interval__gt=0),
                name="pmplan_meter_needs_interval",
            ),
        ]
        indexes = [models.Index(fields=["site", "active", "next_due"], name="pmplan_due")]
        permissions = [("manage_pmplans", "Write, change, pause and skip PM plans")]

    def __str__(self) -> str:
        return self.title

    @property
    def trigger_kind(self) -> str:
        if self.interval_days and self.meter_id:
            return "time or meter, whichever first"
        return "meter" if self.meter_id else "time"


class OccurrenceState(models.TextChoices):
    RAISED = "raised", "Work order raised"
    SKIPPED = "skipped", "Skipped with a reason"


class PmOccurrence(models.Model):
    """One due occurrence of a plan: the work order it raised, or why it was skipped."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(PmPlan, on_delete=models.PROTECT, related_name="occurrences")
    seq = models.PositiveIntegerField()
    state = models.CharField(max_length=8, choices=OccurrenceState.choices)
    trigger = models.CharField(max_length=1, help_text="T time, H meter (the ID-by code).")
    due_on = models.DateField(null=True, blank=True)
    due_reading = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    interval_days = models.PositiveIntegerField(null=True, blank=True)
    work_order = models.OneToOneField(
        "workorders.WorkOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pm_occurrence",
    )
    reason = models.CharField(max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["plan", "seq"]
        constraints = [
            models.UniqueConstraint("plan", "seq", name="pmoccurrence_once_per_plan_and_seq"),
        ]
        indexes = [models.Index(fields=["site", "due_on"], name="pmoccurrence_site_due")]

    def __str__(self) -> str:
        return f"{self.plan_id} #{self.seq}"


class Grace(models.TextChoices):
    ON_DUE = "due", "On the due date"
    ONE_DAY = "day", "Due date + 1 day"
    PERCENT = "pct", "Due date + 20% of the interval, at most 28 days"


class PmSettings(models.Model):
    """A site's PM rules (one row per site; defaults when there is none)."""

    site = models.OneToOneField("assets.Site", on_delete=models.CASCADE, related_name="+")
    compliance_grace = models.CharField(max_length=3, choices=Grace.choices, default=Grace.PERCENT)

    def __str__(self) -> str:
        return f"PM settings of {self.site_id}"
