"""Sites (plants), areas, cost centres, the equipment tree, trades and crews."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from wrench.assets.querysets import AssetQuerySet


def default_priority_matrix() -> list[list[int]]:
    """Consequence (rows 1–5) × probability (columns 1–5) → priority rating (higher first)."""
    return [[c * p for p in range(1, 6)] for c in range(1, 6)]


def new_coding_version() -> str:
    return uuid.uuid4().hex


def default_closing_delay() -> int:
    return int(settings.WRENCH_CLOSING_DELAY_DAYS)


class Site(models.Model):
    """A plant, mine or building: the unit that owns work orders, coding and people."""

    code = models.SlugField(max_length=12, unique=True, help_text="Prefix of work order numbers.")
    name = models.CharField(max_length=120)
    closing_delay_days = models.PositiveSmallIntegerField(
        default=default_closing_delay,
        help_text="Days after physical completion (CO) before a planner may close (CL).",
    )
    allowed_variance_pct = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("10.00"),
        validators=[MinValueValidator(Decimal(0))],
        help_text="Estimate may exceed the approved amount by this much before re-approval.",
    )
    priority_matrix = models.JSONField(
        default=default_priority_matrix,
        help_text="5×5 list: row = consequence 1–5, column = probability 1–5, cell = rating.",
    )
    last_work_order_seq = models.PositiveIntegerField(default=0, editable=False)
    # Changes whenever the site's coding changes, so every process can tell whether its
    # cached CodingBook is current with one cheap query.
    coding_version = models.CharField(max_length=32, default=new_coding_version, editable=False)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class SiteOwned(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT)
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=120)

    class Meta:
        abstract = True
        ordering = ["site", "code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class Area(SiteOwned):
    class Meta(SiteOwned.Meta):
        constraints = [models.UniqueConstraint("site", "code", name="area_code_unique_per_site")]


class CostCentre(SiteOwned):
    class Meta(SiteOwned.Meta):
        constraints = [
            models.UniqueConstraint("site", "code", name="costcentre_code_unique_per_site")
        ]


class EquipmentType(SiteOwned):
    class Meta(SiteOwned.Meta):
        constraints = [
            models.UniqueConstraint("site", "code", name="equipmenttype_code_unique_per_site")
        ]


class Criticality(models.TextChoices):
    A = "A", "A – critical: a failure stops production or endangers people or the environment"
    B = "B", "B – important: a failure reduces output or quality; a standby may exist"
    C = "C", "C – minor: run to failure is acceptable"


class Asset(models.Model):
    """An item of the functional location tree: an area, a line, a pump, a motor, a truck."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT)
    code = models.CharField(max_length=40, help_text="Tag or equipment number, e.g. P-101.")
    name = models.CharField(max_length=160)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT)
    equipment_type = models.ForeignKey(
        EquipmentType, null=True, blank=True, on_delete=models.PROTECT
    )
    cost_centre = models.ForeignKey(CostCentre, null=True, blank=True, on_delete=models.PROTECT)
    criticality = models.CharField(max_length=1, choices=Criticality.choices, default=Criticality.B)
    warranty_end = models.DateField(null=True, blank=True)
    active = models.BooleanField(default=True)
    # Materialised path of ids, "/1/7/42/": a subtree is one indexed prefix match.
    path = models.CharField(max_length=400, editable=False, default="", db_index=True)
    history = HistoricalRecords()

    objects = AssetQuerySet.as_manager()

    class Meta:
        ordering = ["site", "code"]
        constraints = [models.UniqueConstraint("site", "code", name="asset_code_unique_per_site")]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        old_path = self.path
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        new_path = self.expected_path()
        if new_path != old_path:
            Asset.objects.filter(pk=self.pk).update(path=new_path)
            self.path = new_path
            if old_path:  # moved: re-root the descendants
                for child in Asset.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.path = new_path + child.path[len(old_path) :]
                    Asset.objects.filter(pk=child.pk).update(path=child.path)

    def under_warranty(self, on: dt.date | None = None) -> bool:
        from wrench.core import clock

        return self.warranty_end is not None and self.warranty_end >= (on or clock.now().date())

    def expected_path(self) -> str:
        prefix = self.parent.path if self.parent_id and self.parent else "/"
        return f"{prefix}{self.pk}/"


class Trade(SiteOwned):
    """Skill or trade (the spec's resource list): mechanic, electrician, …"""

    hourly_rate = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0"))

    class Meta(SiteOwned.Meta):
        constraints = [models.UniqueConstraint("site", "code", name="trade_code_unique_per_site")]


class Crew(SiteOwned):
    """A crew (the spec's second resource list): utilities area mechanical crew, …"""

    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT)
    size = models.PositiveSmallIntegerField(
        default=4, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )

    class Meta(SiteOwned.Meta):
        constraints = [models.UniqueConstraint("site", "code", name="crew_code_unique_per_site")]


class Downtime(models.Model):
    """A period an asset was out of service, optionally tied to the work order that repaired it.

    MTBF and MTTR are computed from these rows (assets/reliability.py). Periods of one asset do
    not overlap and end after they start (assets/services.py refuses both with a message; the
    database holds the second).
    """

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="downtimes")
    # Named by string: assets sits below workorders, and the link is data, not an import.
    work_order = models.ForeignKey(
        "workorders.WorkOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="downtimes",
        help_text="The work order that repaired the failure, when there is one.",
    )
    started_at = models.DateTimeField(help_text="The asset stopped.")
    ended_at = models.DateTimeField(help_text="The asset was back in service.")
    reason = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["started_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__gt=models.F("started_at")),
                name="downtime_ends_after_start",
            )
        ]
        indexes = [
            models.Index(fields=["site", "started_at"], name="downtime_site_started"),
            models.Index(fields=["asset", "started_at"], name="downtime_asset_started"),
        ]
        permissions = [("record_downtime", "Record and correct the downtime of an asset")]

    def __str__(self) -> str:
        return f"{self.asset_id} down {self.started_at:%Y-%m-%d %H:%M} → {self.ended_at:%H:%M}"

    @property
    def hours(self) -> float:
        return round((self.ended_at - self.started_at).total_seconds() / 3600, 2)


class LabelSheet(models.Model):
    """A whole site's QR label sheet, made by a background task (assets/labels.py): too many
    labels to draw inside one request. The page shows its progress, then the download."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Drawing"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    labels_total = models.PositiveIntegerField(default=0)
    labels_done = models.PositiveIntegerField(default=0)
    base_url = models.CharField(max_length=300, help_text="Where the labels' QR codes point.")
    file = models.CharField(max_length=300, blank=True, help_text="In the attachments storage.")
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"labels {self.site_id} #{self.pk} ({self.status})"
