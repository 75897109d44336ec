from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from wrench.assets.models import Asset


class AssetQuerySet(models.QuerySet["Asset"]):
    def subtree(self, root: Asset) -> AssetQuerySet:
        """The asset and everything below it in the functional location tree."""
        return self.filter(path__startswith=root.path)

    def ancestors(self, asset: Asset) -> AssetQuerySet:
        """The assets above `asset`, from the root down (its breadcrumb), without itself."""
        ids = [int(part) for part in asset.path.strip("/").split("/") if part][:-1]
        return self.filter(pk__in=ids).order_by("path")

    def for_site(self, site_id: int) -> AssetQuerySet:
        return self.filter(site_id=site_id)
