"""Crews' people and calendars, shutdown windows, and the weekly schedule with its baseline.

Crews and trades are `assets.Crew` and `assets.Trade`; people are `accounts.User`. A
person is a member of at most one crew, in one trade. What a person can work on a day is
their calendar's hours for that weekday less any absence (leave, training, meetings).
A schedule week (`2026-W50`) is a draft until its cut-off, then frozen (a baseline copy of
its items is kept to judge compliance against), then closed after the week.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from wrench.scheduling.querysets import ScheduleItemQuerySet

HOURS_IN_A_DAY = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(24))]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class SchedulingSettings(models.Model):
    """A site's scheduling rules (one row per site; defaults when there is none)."""

    site = models.OneToOneField(
        "assets.Site", on_delete=models.CASCADE, related_name="scheduling_settings"
    )
    break_in_allowance_pct = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal(15),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(90))],
        help_text="Share of each crew's hours kept free for break-in work.",
    )
    working_days = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
        help_text="Days of the schedule week from Monday (5: Monday to Friday).",
    )
    day_hours = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        default=Decimal(8),
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(24))],
        help_text="Hours a person works on a working day without a calendar of their own; "
        "a job with more hours per person spans several days.",
    )
    cut_off_days_before = models.PositiveSmallIntegerField(
        default=3,
        validators=[MaxValueValidator(14)],
        help_text="The schedule freezes this many days before its Monday (3: Friday) …",
    )
    cut_off_time = models.TimeField(default=dt.time(12, 0), help_text="… at this time.")

    class Meta:
        verbose_name_plural = "scheduling settings"

    def __str__(self) -> str:
        return f"scheduling settings of {self.site_id}"


class CrewMember(models.Model):
    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    crew = models.ForeignKey("assets.Crew", on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="crew_memberships"
    )
    trade = models.ForeignKey("assets.Trade", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["crew", "trade", "person"]
        constraints = [
            # Capacity counts each person once: one crew at a time.
            models.UniqueConstraint("person", name="one_crew_per_person"),
        ]
        permissions = [
            ("manage_crews", "Set up crews and their members"),
            ("manage_calendars", "Enter people's calendars and absences, and shutdown windows"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.crew_id} as {self.trade_id}"


class Calendar(models.Model):
    """A person's working hours by weekday (without one: the site's day hours Mon–Fri)."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_calendar"
    )
    mon = models.DecimalField(max_digits=4, decimal_places=2, validators=HOURS_IN_A_DAY)
    tue = models.DecimalField(max_digits=4, decimal_places=2, validators=HOURS_IN_A_DAY)
    wed = models.DecimalField(max_digits=4, decimal_places=2, validators=HOURS_IN_A_DAY)
    thu = models.DecimalField(max_digits=4, decimal_places=2, validators=HOURS_IN_A_DAY)
    fri = models.DecimalField(max_digits=4, decimal_places=2, validators=HOURS_IN_A_DAY)
    sat = models.DecimalField(
        max_digits=4, decimal_places=2, default=Decimal(0), validators=HOURS_IN_A_DAY
    )
    sun = models.DecimalField(
        max_digits=4, decimal_places=2, default=Decimal(0), validators=HOURS_IN_A_DAY
    )

    class Meta:
        ordering = ["person"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mon__gte=0, mon__lte=24)
                & Q(tue__gte=0, tue__lte=24)
                & Q(wed__gte=0, wed__lte=24)
                & Q(thu__gte=0, thu__lte=24)
                & Q(fri__gte=0, fri__lte=24)
                & Q(sat__gte=0, sat__lte=24)
                & Q(sun__gte=0, sun__lte=24),
                name="calendar_hours_in_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"calendar of {self.person_id}"

    def hours(self) -> list[Decimal]:
        return [getattr(self, d) for d in WEEKDAYS]


class AbsenceKind(models.TextChoices):
    LEAVE = "leave", "Leave"
    TRAINING = "training", "Training"
    MEETING = "meeting", "Meeting"
    OTHER = "other", "Other"


class Absence(models.Model):
    """Days (or hours of each day) a person is not available for work orders."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences"
    )
    kind = models.CharField(max_length=10, choices=AbsenceKind.choices, default=AbsenceKind.LEAVE)
    starts = models.DateField()
    ends = models.DateField(help_text="Last day (included).")
    hours_per_day = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=HOURS_IN_A_DAY,
        help_text="Hours away on each day; empty: the whole day.",
    )
    note = models.CharField(max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField()

    class Meta:
        ordering = ["starts", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gte=F("starts")), name="absence_ends_after")
        ]
        indexes = [models.Index(fields=["site", "ends", "starts"], name="absence_site_days")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} {self.starts}–{self.ends}"


class OutageKind(models.TextChoices):
    """The outages the timing codes A, M and T wait for."""

    AREA = "A", "Area shutdown"
    MAJOR = "M", "Major shutdown"
    TOTAL = "T", "Total outage"


class ShutdownWindow(models.Model):
    """A planned outage: the days an area (or one asset and everything below it), or the
    whole plant, is down. Work coded A, M or T waits for one; work coded U (must run)
    stays out of it."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=1, choices=OutageKind.choices, default=OutageKind.AREA)
    area = models.ForeignKey("assets.Area", null=True, blank=True, on_delete=models.PROTECT)
    asset = models.ForeignKey(
        "assets.Asset",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="The asset and its whole subtree (instead of an area).",
    )
    starts = models.DateField()
    ends = models.DateField(help_text="Last day down (included).")
    name = models.CharField(max_length=120, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["starts", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gte=F("starts")), name="shutdown_ends_after"),
            models.CheckConstraint(
                condition=~(Q(area__isnull=False) & Q(asset__isnull=False)),
                name="shutdown_area_or_asset",
            ),
            models.CheckConstraint(
                condition=~Q(kind="T") | (Q(area__isnull=True) & Q(asset__isnull=True)),
                name="total_outage_is_site_wide",
            ),
        ]
        indexes = [models.Index(fields=["site", "ends", "starts"], name="shutdown_site_days")]

    def __str__(self) -> str:
        return f"{self.label} {self.starts}–{self.ends}"

    @property
    def label(self) -> str:
        if self.kind == OutageKind.TOTAL:
            return "total outage"
        what = {"A": "shutdown", "M": "major shutdown"}[self.kind]
        if self.asset_id and self.asset:
            return f"{self.asset.code} {what}"
        if self.area_id and self.area:
            return f"area {self.area.code} {what}"
        return f"site {what}"


class WeekStatus(models.TextChoices):
    DRAFT = "draft", "Draft: being built"
    FROZEN = "frozen", "Frozen at the cut-off: the baseline is kept"
    CLOSED = "closed", "Closed: the week is over"


class ScheduleWeek(models.Model):
    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    week = models.CharField(max_length=8, help_text="ISO week, e.g. 2026-W50.")
    monday = models.DateField()
    status = models.CharField(max_length=6, choices=WeekStatus.choices, default=WeekStatus.DRAFT)
    cut_off = models.DateTimeField(help_text="Work put on the week after this is break-in.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    frozen_at = models.DateTimeField(null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    last_optimised = models.JSONField(
        default=dict, blank=True, help_text="Figures of the last optimiser run."
    )

    class Meta:
        ordering = ["site", "-monday"]
        constraints = [
            models.UniqueConstraint("site", "week", name="one_schedule_per_site_week"),
        ]
        permissions = [
            ("manage_schedule", "Build, optimise and freeze the weekly schedule"),
            ("view_schedule_board", "Read the schedule board"),
        ]

    def __str__(self) -> str:
        return f"{self.site_id} {self.week} ({self.status})"

    def days(self, count: int) -> list[dt.date]:
        return [self.monday + dt.timedelta(days=k) for k in range(count)]


class ScheduleItem(models.Model):
    """One work order's hours of one trade on one crew-day of a schedule week.

    A job of several trades has a row per trade on each of its days; a job spanning days a
    row per day. `people` are the technicians named for it.
    """

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    schedule = models.ForeignKey(ScheduleWeek, on_delete=models.CASCADE, related_name="items")
    work_order = models.ForeignKey(
        "workorders.WorkOrder", on_delete=models.PROTECT, related_name="schedule_items"
    )
    crew = models.ForeignKey("assets.Crew", on_delete=models.PROTECT, related_name="+")
    trade = models.ForeignKey("assets.Trade", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    hours = models.DecimalField(max_digits=7, decimal_places=2, help_text="All people together.")
    people_needed = models.PositiveSmallIntegerField(default=1)
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="schedule_items"
    )
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who placed it by hand (empty: the optimiser).",
    )
    placed_at = models.DateTimeField()
    break_in = models.BooleanField(default=False, help_text="Put into the week after its cut-off.")
    over_capacity = models.CharField(
        max_length=200, blank=True, help_text="Why the scheduler placed it above capacity."
    )

    objects = ScheduleItemQuerySet.as_manager()

    class Meta:
        ordering = ["day", "crew", "work_order"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="scheduleitem_hours_positive"),
            models.UniqueConstraint(
                "schedule", "work_order", "day", "trade", name="one_item_per_wo_day_trade"
            ),
        ]
        indexes = [
            models.Index(fields=["schedule", "crew", "day"], name="scheditem_crew_day"),
            models.Index(fields=["work_order", "day"], name="scheditem_wo_day"),
        ]

    def __str__(self) -> str:
        return f"{self.work_order_id} {self.crew_id} {self.day} {self.hours} h"


class BaselineItem(models.Model):
    """The frozen schedule as it was at the cut-off: what compliance is judged against."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    schedule = models.ForeignKey(ScheduleWeek, on_delete=models.CASCADE, related_name="baseline")
    work_order = models.ForeignKey(
        "workorders.WorkOrder", on_delete=models.PROTECT, related_name="+"
    )
    crew = models.ForeignKey("assets.Crew", on_delete=models.PROTECT, related_name="+")
    trade = models.ForeignKey("assets.Trade", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    hours = models.DecimalField(max_digits=7, decimal_places=2)
    people = models.JSONField(default=list, blank=True, help_text="Usernames named then.")

    class Meta:
        ordering = ["day", "crew", "work_order"]
        indexes = [models.Index(fields=["schedule", "work_order"], name="baseline_sched_wo")]

    def __str__(self) -> str:
        return f"baseline {self.work_order_id} {self.day} {self.hours} h"
