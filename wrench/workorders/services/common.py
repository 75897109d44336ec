"""What every work order service checks first."""

from __future__ import annotations

from wrench.accounts.models import User
from wrench.core.errors import NotAllowed
from wrench.workorders.lifecycle import System


def check_site(actor: User | System, site_id: int) -> None:
    """The actor works at the site (the system works everywhere)."""
    if isinstance(actor, System) or site_id in actor.site_ids():
        return
    raise NotAllowed("you are not a member of this work order's site")
