"""Which sites a person may look at, for the API's `site` parameters and the pages.

A person (accounts.User, which sits above this app) is anything that knows its site ids.
"""

from __future__ import annotations

from typing import Any, Protocol

from wrench.assets.models import Site
from wrench.core.errors import NotFound


class AtSites(Protocol):
    def site_ids(self) -> set[int]: ...


def site_ids_for(person: AtSites, site: str | None) -> list[int]:
    """The person's site ids, or only the one named `site` (404 when not one of theirs)."""
    mine = person.site_ids()
    if not site:
        return sorted(mine)
    found = Site.objects.filter(code=site, id__in=mine).values_list("id", flat=True).first()
    if found is None:
        raise NotFound(f"no site {site!r} among your sites")
    return [found]


def home_site(person: Any) -> Site | None:
    """The site a person works at (the first, when they belong to several). `person` is a
    page's logged-in `request.user` (an AtSites)."""
    ids = sorted(person.site_ids())
    return Site.objects.filter(pk=ids[0]).first() if ids else None
