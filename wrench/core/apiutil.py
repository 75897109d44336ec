"""What the API routers of the planning apps share: the user, the work order, codes → rows.

Every lookup is limited to the user's sites: another site's object is a 404, as if it did
not exist. A code that names nothing at the site is a 400 naming the field.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, TypeVar

from django.db.models import Model
from django.http import HttpRequest
from ninja.params import functions as params
from pydantic import Field

from wrench.accounts.models import User
from wrench.assets.models import Site
from wrench.core.errors import FieldError, NotFound, ValidationFailed
from wrench.workorders.models import WorkOrder

M = TypeVar("M", bound=Model)

# Ids in paths: a 32-bit positive integer, so no database is asked about absurd numbers.
MAX_ID = 2_147_483_647


# Quantities as the database keeps them (3 decimals); the services check the range and say so.
Quantity = Annotated[Decimal, Field(decimal_places=3, max_digits=20)]
Hours = Annotated[Decimal, Field(decimal_places=2, max_digits=20)]


def id_path(description: str) -> Any:
    return params.Path(..., ge=1, le=MAX_ID, description=description)


def user_of(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined]


def work_order(request: HttpRequest, number: str) -> WorkOrder:
    """The work order `number` if it is at one of the user's sites; 404 otherwise."""
    found = (
        WorkOrder.objects.visible_to(user_of(request))
        .select_related("site", "urgency")
        .filter(number=number)
        .first()
    )
    if found is None:
        raise NotFound(f"no work order {number!r} at your sites")
    return found


def site_of(request: HttpRequest, code: str | None) -> Site:
    """The site named by `code` (404 when not one of the user's), or the user's only site.

    The same rules as `site_ids_for`, read as rows: one query, none for the Site itself."""
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


def by_code(model: type[M], site_id: int, field: str, code: str | None) -> M | None:
    """The `model` row with this code at the site; None for no code; 400 naming `field`."""
    if code in (None, ""):
        return None
    return required(model, site_id, field, code)


def required(model: type[M], site_id: int, field: str, code: str | None) -> M:
    """The `model` row with this code at the site; 400 naming `field` when none."""
    found = model._default_manager.filter(site_id=site_id, code=code).first()
    if found is None:
        choices = list(
            model._default_manager.filter(site_id=site_id).values_list("code", flat=True)[:20]
        )
        raise ValidationFailed(
            f"no {field} {code!r} at this site",
            errors=[FieldError(field, f"allowed: {', '.join(choices) or 'none set up yet'}")],
        )
    return found


def person(site_id: int, field: str, username: str | None) -> User | None:
    if username in (None, ""):
        return None
    found = User.objects.filter(username=username, sites=site_id, is_active=True).first()
    if found is None:
        raise ValidationFailed(
            f"no person {username!r} at this site",
            errors=[FieldError(field, "the username of someone who works at the site")],
        )
    return found


def detail_of(request: HttpRequest, number: str) -> dict[str, Any]:
    """The work order as it is now (after a service changed it), as WorkOrderOut."""
    from wrench.workorders.schemas import detail

    wo = WorkOrder.objects.visible_to(user_of(request)).with_coding().get(number=number)
    return detail(wo)
