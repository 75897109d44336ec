"""Storerooms, stock, the materials a work order needs, purchase requisitions and receipts.

A work order's material line is either a stock item reserved from a storeroom or a direct
purchase bought for the job. Direct purchases (and stock replenishment) are bought through
purchase requisitions; what arrives is recorded as receipts against requisition lines.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from wrench.assets.models import SiteOwned
from wrench.materials.querysets import MaterialLineQuerySet, RequisitionQuerySet


def _quantity(help_text: str = "") -> models.DecimalField:
    return models.DecimalField(
        max_digits=12, decimal_places=3, default=Decimal(0), help_text=help_text
    )


def _money() -> models.DecimalField:
    return models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))


class Storeroom(SiteOwned):
    class Meta(SiteOwned.Meta):
        constraints = [models.UniqueConstraint("site", "code", name="storeroom_code_unique")]


class StockItem(SiteOwned):
    """A part kept in stock (catalogue entry); quantities are per storeroom (StockLevel)."""

    unit = models.CharField(max_length=10, default="EA")
    unit_cost = _money()

    class Meta(SiteOwned.Meta):
        constraints = [models.UniqueConstraint("site", "code", name="stockitem_code_unique")]
        permissions = [("count_stock", "Record a stock count")]


class StockLevel(models.Model):
    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    stock_item = models.ForeignKey(StockItem, on_delete=models.PROTECT, related_name="levels")
    storeroom = models.ForeignKey(Storeroom, on_delete=models.PROTECT, related_name="levels")
    on_hand = _quantity()
    reserved = _quantity("Reserved for open work orders.")

    class Meta:
        ordering = ["stock_item", "storeroom"]
        constraints = [
            models.UniqueConstraint("stock_item", "storeroom", name="one_level_per_storeroom"),
            models.CheckConstraint(
                condition=Q(on_hand__gte=0) & Q(reserved__gte=0), name="stocklevel_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.stock_item_id}@{self.storeroom_id}: {self.on_hand} ({self.reserved} reserved)"
        )


class LineKind(models.TextChoices):
    STOCK = "stock", "Stock item, reserved from a storeroom"
    DIRECT = "direct", "Direct purchase for this work order"


class MaterialLine(models.Model):
    """One material a work order needs. A stock line is a reservation; a direct line is bought."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    work_order = models.ForeignKey(
        "workorders.WorkOrder", on_delete=models.PROTECT, related_name="material_lines"
    )
    kind = models.CharField(max_length=6, choices=LineKind.choices)
    stock_item = models.ForeignKey(StockItem, null=True, blank=True, on_delete=models.PROTECT)
    storeroom = models.ForeignKey(Storeroom, null=True, blank=True, on_delete=models.PROTECT)
    description = models.CharField(max_length=200)
    quantity = _quantity()
    unit = models.CharField(max_length=10, default="EA")
    unit_cost = _money()
    received = _quantity("Direct purchases: quantity received.")
    released = models.BooleanField(
        default=False, help_text="Stock lines: the reservation ended (issued or cancelled)."
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()

    objects = MaterialLineQuerySet.as_manager()

    class Meta:
        ordering = ["work_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0) & Q(received__gte=0) & Q(received__lte=F("quantity")),
                name="materialline_quantities",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="stock", stock_item__isnull=False, storeroom__isnull=False)
                    | Q(kind="direct", stock_item__isnull=True)
                ),
                name="materialline_kind_matches",
            ),
        ]
        permissions = [("plan_material", "Add material to work orders, raise requisitions")]

    def __str__(self) -> str:
        return f"{self.quantity} {self.unit} {self.description}"

    @property
    def cost(self) -> Decimal:
        return self.quantity * self.unit_cost


class RequisitionStatus(models.TextChoices):
    OPEN = "open", "Open: waiting for approval"
    APPROVED = "approved", "Approved: ordered"
    REJECTED = "rejected", "Rejected"


class Requisition(models.Model):
    """A purchase requisition: direct purchases for a work order, or stock replenishment."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    # Set from the id right after the insert, in the same transaction (PR-000012).
    number = models.CharField(max_length=24, unique=True, null=True, editable=False)  # noqa: DJ001
    work_order = models.ForeignKey(
        "workorders.WorkOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requisitions",
    )
    status = models.CharField(
        max_length=10, choices=RequisitionStatus.choices, default=RequisitionStatus.OPEN
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    objects = RequisitionQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-id"]
        permissions = [
            ("approve_requisition", "Approve or reject purchase requisitions"),
            ("receive_material", "Receive material against approved requisitions"),
        ]

    def __str__(self) -> str:
        return self.number or f"requisition {self.pk}"


class RequisitionLine(models.Model):
    # The requisition's site, copied: a table that grows with the work carries its site
    # (docs/scaling.md: sharding by site keeps a requisition and its lines on one node).
    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    requisition = models.ForeignKey(Requisition, on_delete=models.PROTECT, related_name="lines")
    material_line = models.OneToOneField(
        MaterialLine,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requisition_line",
        help_text="The direct purchase this line buys.",
    )
    stock_item = models.ForeignKey(StockItem, null=True, blank=True, on_delete=models.PROTECT)
    storeroom = models.ForeignKey(Storeroom, null=True, blank=True, on_delete=models.PROTECT)
    description = models.CharField(max_length=200)
    quantity = _quantity()
    unit_cost = _money()
    received = _quantity()

    class Meta:
        ordering = ["requisition", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0) & Q(received__gte=0) & Q(received__lte=F("quantity")),
                name="requisitionline_quantities",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requisition_id}: {self.quantity} {self.description}"

    @property
    def outstanding(self) -> Decimal:
        return self.quantity - self.received


class Receipt(models.Model):
    """Material that arrived against a requisition line (append-only)."""

    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    line = models.ForeignKey(RequisitionLine, on_delete=models.PROTECT, related_name="receipts")
    quantity = _quantity()
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["received_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="receipt_quantity_positive")
        ]

    def __str__(self) -> str:
        return f"{self.quantity} of {self.line}"
