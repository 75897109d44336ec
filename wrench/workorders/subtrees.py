"""Asset subtrees for list filters (`?asset=SY01`), remembered briefly in the process.

The tree changes rarely (an admin adds or moves equipment) while planners filter by it all
day, so a list reads a subtree at most every few seconds instead of on every page. A save
or delete of an asset or site in this process forgets them at once (signals, see
WorkOrdersConfig); a change made in another process (another web worker, a bulk load)
shows within REMEMBER_FOR.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from wrench.assets.models import Asset
from wrench.core import clock

REMEMBER_FOR = dt.timedelta(seconds=5)


@dataclass(frozen=True)
class Subtree:
    roots: list[str]  # materialised paths of the assets with the code (one per site)
    ids: list[int]  # every asset at or below them
    read_at: dt.datetime


_KNOWN: dict[tuple[tuple[int, ...], str], Subtree] = {}


def forget_subtrees(**_: Any) -> None:
    _KNOWN.clear()


def subtree(site_ids: list[int], code: str, *, with_ids: bool) -> Subtree:
    """The assets `code` at `site_ids` and everything below them (ids only if `with_ids`)."""
    key = (tuple(sorted(site_ids)), code)
    now = clock.now()
    known = _KNOWN.get(key)
    fresh = known is not None and dt.timedelta(0) <= now - known.read_at < REMEMBER_FOR
    if known is not None and fresh and (known.ids or not with_ids or not known.roots):
        return known
    roots = list(
        Asset.objects.filter(site_id__in=site_ids, code=code).values_list("path", flat=True)
    )
    ids: list[int] = []
    if roots and with_ids:
        ids = list(Asset.objects.filter(below(roots)).values_list("id", flat=True))
    found = _KNOWN[key] = Subtree(roots=roots, ids=ids, read_at=now)
    return found


def below(roots: list[str]) -> Q:
    """Assets at or below any of the `roots` paths (none if there are none)."""
    condition = Q(pk__in=[])
    for path in roots:
        condition |= Q(path__startswith=path)
    return condition
