"""Characteristics and their value lists: the spec's "one field per characteristic".

A characteristic (urgency, timing, reason, …) is one field of the work order. Its values
are mutually exclusive and each carries a definition, shown to whoever chooses, and a
process effect: text for people plus, where the system acts on it, effect keys.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from wrench.coding.querysets import CodeValueQuerySet

# The characteristics that have a column of their own on the work order (fast to filter
# and sort at millions of rows). Any characteristic an admin adds is stored per work
# order in workorders.WorkOrderCode, with the same rules.
BUILTIN_KEYS: tuple[str, ...] = ("urgency", "timing", "reason", "action", "funding", "initiated_by")


class Requirement(models.TextChoices):
    ON_REQUEST = "on_request", "Required when the request is entered"
    BEFORE_APPROVAL = "before_approval", "Required before the work order leaves review"
    NO = "no", "Optional"


class EffectKey(models.TextChoices):
    """Process effects that code implements; any other effect is text for people."""

    BYPASS_APPROVAL = "bypass_approval", "Approval is bypassed: work may start from WR"
    EMERGENCY_REPORT = "emergency_report", "Listed on the daily emergency report"
    URGENT_KPI = "urgent_kpi", "Counted in the weekly urgent-work KPI"
    REQUIRE_PROJECT_NUMBER = "require_project_number", "An account override (project) is required"
    FLAG_WARRANTY = "flag_warranty", "The work order is flagged as warranty work"
    GENERATED_BY_SYSTEM = "generated_by_system", "Raised by the computer (PM by hours or time)"


class Characteristic(models.Model):
    site = models.ForeignKey(
        "assets.Site", on_delete=models.PROTECT, related_name="characteristics"
    )
    key = models.SlugField(
        max_length=40, help_text="Field name on the work order and in the API, e.g. reason."
    )
    name = models.CharField(max_length=80, help_text="e.g. WO – Reason")
    described = models.TextField(
        help_text="Work order characteristic described by this field.",
    )
    required = models.CharField(max_length=20, choices=Requirement.choices, default=Requirement.NO)
    comments = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["site", "position", "key"]
        constraints = [
            models.UniqueConstraint("site", "key", name="characteristic_key_unique_per_site")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def builtin(self) -> bool:
        return self.key in BUILTIN_KEYS


class CodeValue(models.Model):
    characteristic = models.ForeignKey(
        Characteristic, on_delete=models.PROTECT, related_name="values"
    )
    abbreviation = models.CharField(max_length=10)
    value = models.CharField(max_length=120)
    definition = models.TextField(help_text="Shown to users when they choose.")
    process_effect = models.TextField(blank=True)
    effect_keys = models.JSONField(default=list, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="For expanded lists: VA, TH and NT under IN.",
    )
    is_default = models.BooleanField(default=False, help_text="Pre-selected on new work orders.")
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=100)
    history = HistoricalRecords()

    objects = CodeValueQuerySet.as_manager()

    class Meta:
        ordering = ["characteristic", "position", "abbreviation"]
        constraints = [
            models.UniqueConstraint(
                "characteristic", "abbreviation", name="codevalue_abbreviation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.abbreviation} – {self.value}"

    def has_effect(self, key: str) -> bool:
        return key in (self.effect_keys or [])

    def clean(self) -> None:
        unknown = [k for k in self.effect_keys or [] if k not in EffectKey.values]
        if unknown:
            raise ValidationError(
                {
                    "effect_keys": f"unknown effect key(s) {', '.join(unknown)}; "
                    f"allowed: {', '.join(EffectKey.values)}"
                }
            )
        if (
            self.parent_id
            and self.parent
            and self.parent.characteristic_id != self.characteristic_id
        ):
            raise ValidationError(
                {"parent": "the parent must be a value of the same characteristic"}
            )
