from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from wrench.coding.models import CodeValue  # noqa: F401


class CodeValueQuerySet(models.QuerySet["CodeValue"]):
    def active(self) -> CodeValueQuerySet:
        return self.filter(active=True, characteristic__active=True)

    def for_site(self, site_id: int) -> CodeValueQuerySet:
        return self.filter(characteristic__site_id=site_id)
