"""Users: who they are, which sites they work at, how much they may approve."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractUser
from django.db import models

from wrench.core.fastpath import Prepared

if TYPE_CHECKING:
    from wrench.assets.models import Site


class User(AbstractUser):
    sites = models.ManyToManyField(
        "assets.Site",
        blank=True,
        related_name="members",
        help_text="Sites whose work orders this person sees and changes.",
    )
    approval_limit = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        default=Decimal("0"),
        help_text="Highest estimate this person may approve; empty means no limit.",
    )
    trade = models.ForeignKey(
        "assets.Trade", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["username"]

    @property
    def role_names(self) -> list[str]:
        """The person's roles (Django groups), cached on the instance."""
        cached: list[str] | None = getattr(self, "_role_names", None)
        if cached is None:
            cached = sorted(self.groups.values_list("name", flat=True))
            self._role_names = cached
        return cached

    @property
    def role_label(self) -> str:
        return ", ".join(self.role_names) or "no role"

    def site_ids(self) -> set[int]:
        cached: set[int] | None = getattr(self, "_site_ids", None)
        if cached is None:
            if self.is_superuser:
                from wrench.assets.models import Site

                cached = set(Site.objects.values_list("id", flat=True))
            else:
                cached = set(self.sites.values_list("id", flat=True).order_by())
            self._site_ids = cached
        return cached

    def site_rows(self) -> list[Site]:
        """The person's sites as rows, in code order; site_ids() then needs no query."""
        from wrench.assets.models import Site

        if self.is_superuser:
            rows: Any = Site.objects.order_by()
        else:
            rows = _member_sites().rows(self.pk)
        found = sorted(rows, key=lambda site: site.code)  # no ORDER BY to compile
        self._site_ids = {site.pk for site in found}
        return found

    def may_approve(self, amount: Decimal) -> bool:
        return self.approval_limit is None or amount <= self.approval_limit


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the token is shown once, at creation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80, help_text="What the token is for, e.g. historian feed.")
    prefix = models.CharField(max_length=12, help_text="First characters, to recognise it.")
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token.")
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"


@functools.cache
def _member_sites() -> Prepared[Any]:
    """A person's sites: read on every API write, so compiled once (core/fastpath.py)."""
    from wrench.assets.models import Site

    return Prepared("i", lambda user_id: Site.objects.filter(members=user_id).order_by())
