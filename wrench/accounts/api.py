"""API: the people of your sites (read-only) and who you are."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from wrench.accounts.filters import UserFilter
from wrench.accounts.models import User
from wrench.accounts.schemas import (
    UserOut,
)
from wrench.assets.sites import site_ids_for
from wrench.core.errors import NotFound
from wrench.core.filters import parameters
from wrench.core.paging import MAX_LIMIT, answer_page
from wrench.core.schemas import answers

router = Router(tags=["people"])


def _people(request: HttpRequest, site: str | None = None) -> Any:
    ids = site_ids_for(request.auth, site)  # type: ignore[attr-defined]
    return (
        User.objects.filter(sites__in=ids, is_active=True)
        .distinct()
        .select_related("trade")
        .prefetch_related("groups", "sites")
        .order_by("username")
    )


@router.get(
    "/users",
    response=answers({200: list[UserOut]}, 400, 401, 404),
    openapi_extra={"parameters": parameters(UserFilter, default_limit=MAX_LIMIT)},
)
def list_users(request: HttpRequest, response: HttpResponse) -> Any:
    """Active people of your sites (or of `site`) with their roles, by username.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = UserFilter.from_query(request.GET)
    qs = _people(request, flt.site)
    return answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)


@router.get("/users/me", response=answers({200: UserOut}, 401))
def me(request: HttpRequest) -> Any:
    """Who the token or session belongs to."""
    return (
        User.objects.select_related("trade")
        .prefetch_related("groups", "sites")
        .get(pk=request.auth.pk)  # type: ignore[attr-defined]
    )


@router.get("/users/{username}", response=answers({200: UserOut}, 401, 404))
def get_user(request: HttpRequest, username: str) -> Any:
    """One person of your sites."""
    found = _people(request).filter(username=username).first()
    if found is None:
        raise NotFound(f"no person {username!r} at your sites")
    return found
