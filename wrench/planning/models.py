"""Labour estimates on a work order, and job plans: reusable task lists with labour and
materials that a planner copies onto a work order."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q


class InspectionKind(models.TextChoices):
    """Who an inspection's findings are initiated by: the spec's "ID by" values of the
    inspection programmes, so the first-detector report can price each programme."""

    OPERATOR_ROUND = "O", "Operator round"
    MAINTENANCE = "M", "Maintenance inspection"
    LUBRICATION = "L", "Lubrication inspection"
    VIBRATION = "V", "Vibration analysis"
    NDT = "N", "NDT"


class CheckKind(models.TextChoices):
    PASS_FAIL = "pass_fail", "Pass / fail"
    READING = "reading", "Reading with limits"


class CheckResult(models.TextChoices):
    PASS = "pass", "Pass"
    FAIL = "fail", "Fail"


class JobPlan(models.Model):
    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=160)
    description = models.TextField(blank=True)
    equipment_type = models.ForeignKey(
        "assets.EquipmentType", null=True, blank=True, on_delete=models.PROTECT
    )
    active = models.BooleanField(default=True)
    inspection_kind = models.CharField(
        max_length=1,
        choices=InspectionKind.choices,
        blank=True,
        help_text="An inspection: who its failed checks are initiated by (ID by).",
    )

    class Meta:
        ordering = ["site", "code"]
        constraints = [models.UniqueConstraint("site", "code", name="jobplan_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class JobPlanTask(models.Model):
    job_plan = models.ForeignKey(JobPlan, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveSmallIntegerField(default=10)
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["job_plan", "position", "id"]

    def __str__(self) -> str:
        return self.text


class CheckFields(models.Model):
    """What a check asks: pass / fail, or a reading that fails outside [low, high]."""

    position = models.PositiveSmallIntegerField(default=10)
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=CheckKind.choices, default=CheckKind.PASS_FAIL)
    low = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    high = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    unit = models.CharField(max_length=20, blank=True)
    # A reading may feed a pm meter of the work order's asset, named here (planning/optional.py);
    # on a work order, the meter found (pm sits above planning: an id, never a foreign key).
    meter_name = models.CharField(max_length=80, blank=True)
    meter_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        abstract = True

    def limits(self) -> str:
        if self.low is None and self.high is None:
            return ""
        low = "" if self.low is None else f"{self.low.normalize():f}"
        high = "" if self.high is None else f"{self.high.normalize():f}"
        return f"{low}–{high} {self.unit}".strip()


class JobPlanCheck(CheckFields):
    """A checklist item of a job plan, copied onto each work order the plan is applied to."""

    job_plan = models.ForeignKey(JobPlan, on_delete=models.CASCADE, related_name="checks")

    class Meta:
        ordering = ["job_plan", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(high__isnull=True) | Q(low__lte=F("high")),
                name="jobplancheck_low_le_high",
            )
        ]

    def __str__(self) -> str:
        return self.text


class JobPlanLabour(models.Model):
    job_plan = models.ForeignKey(JobPlan, on_delete=models.CASCADE, related_name="labour")
    trade = models.ForeignKey("assets.Trade", on_delete=models.PROTECT, related_name="+")
    people = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    hours_each = models.DecimalField(
        max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))]
    )

    def __str__(self) -> str:
        return f"{self.people} × {self.trade_id} × {self.hours_each} h"


class JobPlanMaterial(models.Model):
    job_plan = models.ForeignKey(JobPlan, on_delete=models.CASCADE, related_name="materials")
    stock_item = models.ForeignKey(
        "materials.StockItem", null=True, blank=True, on_delete=models.PROTECT
    )
    description = models.CharField(max_length=200, blank=True, help_text="Direct purchases.")
    quantity = models.DecimalField(max_digits=12, decimal_places=3)
    unit_cost = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(stock_item__isnull=False) | ~Q(description=""),
                name="jobplanmaterial_item_or_description",
            )
        ]

    def __str__(self) -> str:
        return f"{self.quantity} {self.description or self.stock_item_id}"


class LabourEstimate(models.Model):
    """Planned labour: `people` of `trade` (from `crew`) working `hours_each` hours."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    work_order = models.ForeignKey(
        "workorders.WorkOrder", on_delete=models.CASCADE, related_name="labour_estimates"
    )
    trade = models.ForeignKey("assets.Trade", on_delete=models.PROTECT, related_name="+")
    crew = models.ForeignKey(
        "assets.Crew", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    people = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    hours_each = models.DecimalField(max_digits=7, decimal_places=2)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["work_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(people__gte=1) & Q(hours_each__gt=0), name="labourestimate_positive"
            )
        ]
        permissions = [("manage_jobplans", "Write and change job plans")]

    def __str__(self) -> str:
        return f"{self.people} × {self.trade_id} × {self.hours_each} h"

    @property
    def hours(self) -> Decimal:
        return self.people * self.hours_each


class WorkTask(models.Model):
    """A step of the work, copied from a job plan or written by the planner."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    work_order = models.ForeignKey(
        "workorders.WorkOrder", on_delete=models.CASCADE, related_name="tasks"
    )
    position = models.PositiveSmallIntegerField(default=10)
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["work_order", "position", "id"]

    def __str__(self) -> str:
        return self.text


class JobPlanUse(models.Model):
    """A job plan copied onto a work order, and the review feedback given at closing."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    work_order = models.ForeignKey(
        "workorders.WorkOrder", on_delete=models.PROTECT, related_name="job_plan_uses"
    )
    job_plan = models.ForeignKey(JobPlan, on_delete=models.PROTECT, related_name="uses")
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    applied_at = models.DateTimeField()
    feedback = models.TextField(blank=True, help_text="Closing review: what to change in the plan.")
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    feedback_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["applied_at", "id"]
        constraints = [
            models.UniqueConstraint("work_order", "job_plan", name="job_plan_applied_once")
        ]

    def __str__(self) -> str:
        return f"{self.job_plan_id} on {self.work_order_id}"


class ChecklistItem(CheckFields):
    """A check on a work order (copied from a job plan), numbered 1, 2, … on it, with its
    result; a failed check raised `follow_up`, the corrective request, once."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    work_order = models.ForeignKey(
        "workorders.WorkOrder", on_delete=models.CASCADE, related_name="checklist"
    )
    number = models.PositiveSmallIntegerField()
    job_plan = models.ForeignKey(
        JobPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    inspection_kind = models.CharField(max_length=1, choices=InspectionKind.choices, blank=True)
    result = models.CharField(max_length=4, choices=CheckResult.choices, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    note = models.CharField(max_length=1000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    follow_up = models.OneToOneField(
        "workorders.WorkOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="found_by_check",
    )

    class Meta:
        ordering = ["work_order", "number"]
        constraints = [
            models.UniqueConstraint("work_order", "number", name="checklistitem_number_unique"),
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(high__isnull=True) | Q(low__lte=F("high")),
                name="checklistitem_low_le_high",
            ),
        ]
        indexes = [models.Index(fields=["site", "result"], name="checklist_site_result")]

    def __str__(self) -> str:
        return f"{self.work_order_id} #{self.number} {self.text}"

    @property
    def reading(self) -> str:
        """The recorded value with its unit ("92 °C"), or ""."""
        return "" if self.value is None else f"{self.value.normalize():f} {self.unit}".strip()
