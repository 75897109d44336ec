"""Which sites an API caller or page may look at."""

from __future__ import annotations

from wrench.accounts.models import User
from wrench.core.errors import NotFound


def site_ids_for(user: User, site: str | None) -> list[int]:
    """The user's site ids, or only the one named `site` (404 when not one of theirs)."""
    from wrench.assets.models import Site

    mine = user.site_ids()
    if not site:
        return sorted(mine)
    found = Site.objects.filter(code=site, id__in=mine).values_list("id", flat=True).first()
    if found is None:
        raise NotFound(f"no site {site!r} among your sites")
    return [found]
