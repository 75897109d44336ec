"""What every app's API router shares: ids in paths, quantities and hours, codes → rows.

A code that names nothing at the site is a 400 naming the field. Who is asking and which work
order a path names are above this floor: `accounts.access` and `workorders.access`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, TypeVar

from django.db.models import Model
from ninja.params import functions as params
from pydantic import Field

from wrench.core.errors import FieldError, ValidationFailed

M = TypeVar("M", bound=Model)

# Ids in paths: a 32-bit positive integer, so no database is asked about absurd numbers.
MAX_ID = 2_147_483_647


# Quantities as the database keeps them (3 decimals); the services check the range and say so.
Quantity = Annotated[Decimal, Field(decimal_places=3, max_digits=20)]
Hours = Annotated[Decimal, Field(decimal_places=2, max_digits=20)]


def id_path(description: str) -> Any:
    return params.Path(..., ge=1, le=MAX_ID, description=description)


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
