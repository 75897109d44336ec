"""Domain queries of PM plans."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from wrench.accounts.models import User


class PmPlanQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: User) -> PmPlanQuerySet:
        return self.filter(site_id__in=user.site_ids())

    def active(self) -> PmPlanQuerySet:
        return self.filter(active=True)
