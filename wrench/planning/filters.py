"""Filters of the planning lists: job plans (active ones unless `active=false`)."""

from __future__ import annotations

from typing import ClassVar

from django.db.models import QuerySet
from pydantic import Field

from wrench.core.filters import FilterSchema
from wrench.planning.models import JobPlan


class JobPlanFilter(FilterSchema):
    """Job plans by site, then code."""

    ORDERING: ClassVar[tuple[str, ...]] = ("site_id", "code")

    active: bool = Field(True, description="false: every job plan, retired ones too")

    def apply(self, qs: QuerySet[JobPlan]) -> QuerySet[JobPlan]:
        return qs.filter(active=True) if self.active else qs
