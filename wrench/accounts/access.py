"""Who is asking, from an API request: the person, one of their sites, a person at a site.

Every lookup is limited to the caller's sites: another site is a 404, as if it did not exist.
"""

from __future__ import annotations

from django.http import HttpRequest

from wrench.accounts.models import User
from wrench.assets.models import Site
from wrench.core.errors import FieldError, NotFound, ValidationFailed


def user_of(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined]


def site_of(request: HttpRequest, code: str | None) -> Site:
    """The site named by `code` (404 when not one of the user's), or the user's only site.

    The same rules as `assets.sites.site_ids_for`, read as rows: one query, none for the Site
    itself."""
    mine = user_of(request).site_rows()
    if code:
        mine = [s for s in mine if s.code == code]
        if not mine:
            raise NotFound(f"no site {code!r} among your sites")
    if len(mine) != 1:
        raise ValidationFailed(
            "which site?",
            errors=[FieldError("site", "you work at several sites (or none): give the site code")],
        )
    return mine[0]


def person(site_id: int, field: str, username: str | None) -> User | None:
    """The active person `username` who works at the site; None for no name; 400 naming
    `field` when there is no such person there."""
    if username in (None, ""):
        return None
    found = User.objects.filter(username=username, sites=site_id, is_active=True).first()
    if found is None:
        raise ValidationFailed(
            f"no person {username!r} at this site",
            errors=[FieldError(field, "the username of someone who works at the site")],
        )
    return found
