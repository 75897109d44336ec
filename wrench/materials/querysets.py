"""Domain queries on materials."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from wrench.materials.models import MaterialLine, Requisition  # noqa: F401


class MaterialLineQuerySet(models.QuerySet["MaterialLine"]):
    def reservations(self) -> MaterialLineQuerySet:
        """Stock lines still holding stock for their work order."""
        return self.filter(kind="stock", released=False)

    def direct(self) -> MaterialLineQuerySet:
        return self.filter(kind="direct")


class RequisitionQuerySet(models.QuerySet["Requisition"]):
    def open(self) -> RequisitionQuerySet:
        return self.filter(status="open")

    def approved(self) -> RequisitionQuerySet:
        return self.filter(status="approved")
