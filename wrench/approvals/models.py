"""Approval routing rules and the approvals they produce.

The spec (WO – Status, WA): "Automatic approval routing based on equipment number (which
identifies the cost centre and the approval route) and the estimated cost". A rule matches
a cost centre (or every cost centre) and a band of estimated cost, and names the approver:
a role (anyone holding it at the site) or one person.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from wrench.accounts.roles import Role
from wrench.approvals.querysets import ApprovalQuerySet, ApprovalRuleQuerySet


class ApprovalRule(models.Model):
    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    cost_centre = models.ForeignKey(
        "assets.CostCentre",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="Empty: any cost centre (a rule for a named cost centre wins).",
    )
    min_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    max_amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Empty: no upper bound."
    )
    approver_role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    active = models.BooleanField(default=True)

    objects = ApprovalRuleQuerySet.as_manager()

    class Meta:
        ordering = ["site", "cost_centre", "min_amount"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(approver_role="") & Q(approver__isnull=False))
                | (~Q(approver_role="") & Q(approver__isnull=True)),
                name="approvalrule_one_approver",
            ),
            models.CheckConstraint(
                condition=Q(max_amount__isnull=True) | Q(max_amount__gt=models.F("min_amount")),
                name="approvalrule_band_ordered",
            ),
        ]

    def __str__(self) -> str:
        where = self.cost_centre.code if self.cost_centre else "any cost centre"
        top = f"{self.max_amount}" if self.max_amount is not None else "∞"
        return f"{where} {self.min_amount}–{top} → {self.approver_label}"

    @property
    def approver_label(self) -> str:
        return self.approver.username if self.approver else f"role {self.approver_role}"


class Decision(models.TextChoices):
    PENDING = "pending", "Waiting for the approver"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn (the work order left approval another way)"


class Approval(models.Model):
    """One request for (re-)approval of a work order, routed by a rule, and its decision."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    work_order = models.ForeignKey(
        "workorders.WorkOrder", on_delete=models.PROTECT, related_name="approvals"
    )
    reapproval = models.BooleanField(default=False, help_text="Routed from WL, not WA.")
    amount = models.DecimalField(max_digits=12, decimal_places=2, help_text="Estimate when routed.")
    rule = models.ForeignKey(ApprovalRule, null=True, blank=True, on_delete=models.PROTECT)
    approver_role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    routed_at = models.DateTimeField()
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    approved_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    note = models.TextField(blank=True)

    objects = ApprovalQuerySet.as_manager()

    class Meta:
        ordering = ["routed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                "work_order",
                condition=Q(decision="pending"),
                name="one_pending_approval_per_work_order",
            )
        ]
        indexes = [models.Index(fields=["site", "decision"], name="approval_site_decision")]

    def __str__(self) -> str:
        return f"{self.work_order_id} → {self.approver_label} ({self.decision})"

    @property
    def approver_label(self) -> str:
        if self.approver_id and self.approver:
            return self.approver.username
        return f"role {self.approver_role}" if self.approver_role else "any approver"
