"""The REST API under /api/v1/: one NinjaAPI, one router per app, one error shape.

Every error is JSON `{"detail": "...", "errors": [{"field": ..., "message": ...}]}`:
- 400 the request is well-formed but breaks a rule (unknown code value, unknown asset,
  a filter or cursor that is not valid, a page larger than 500);
- 401 no token or session, or a token that is unknown, expired or revoked;
- 403 the role (or CSRF check of a browser session) does not allow it;
- 404 no such object at the user's sites;
- 409 the work order's status forbids it (adds `status` and `allowed`);
- 422 the JSON body does not fit the schema (wrong type, unknown or missing field).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from wrench.core.errors import DomainError
from wrench.core.rendering import RENDERER

# Each app's router, mounted in this order. A new app adds one line here.
ROUTERS = [
    ("/", "wrench.coding.api"),
    ("/", "wrench.assets.api"),
    ("/", "wrench.accounts.api"),
    ("/", "wrench.workorders.api"),
    ("/reports", "wrench.reports.api"),
    ("/", "wrench.approvals.api"),
    ("/", "wrench.planning.api"),
    ("/", "wrench.planning.api_completion"),
    ("/", "wrench.planning.api_materials"),
    ("/", "wrench.materials.api"),
    ("/", "wrench.labor.api"),
    ("/", "wrench.imports.api"),
    ("/", "wrench.scheduling.api"),
    ("/", "wrench.scheduling.api_people"),
    ("/", "wrench.notifications.api"),
]


class TokenAuth(HttpBearer):
    """`Authorization: Bearer wr_…`: a personal token made by `wrench token` or on /accounts/tokens/."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from wrench.accounts.tokens import user_for_token

        user, why = user_for_token(token)
        if user is None:
            raise AuthenticationError(401, why)
        request.user = user
        return user


class BrowserSession(SessionAuth):
    """Our own pages: the logged-in session, with the CSRF token on unsafe methods."""


api = NinjaAPI(
    title="Wrench API",
    version="1",
    description=(__doc__ or "").split("\n", 2)[2],
    urls_namespace="api",
    auth=[TokenAuth(), BrowserSession()],
    renderer=RENDERER,  # the one renderer; core/rendering.json_answer sends through it too
)


def _error(request: HttpRequest, status: int, detail: str, errors: list[Any]) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors}, status=status)


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status_code)


@api.exception_handler(NinjaValidationError)
def _schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = []
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path"):
            loc = loc[1:]
        if loc and loc[0] in ("payload", "data", "rows") and len(loc) > 1:
            loc = loc[1:]
        errors.append({"field": ".".join(loc) or "body", "message": err.get("msg", "not valid")})
    fields = ", ".join(sorted({e["field"] for e in errors})) or "the body"
    return _error(request, 422, f"the request does not fit the schema: check {fields}", errors)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc), [])


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = str(exc)
    if detail == "Unauthorized":
        detail = "log in, or send a personal API token as 'Authorization: Bearer <token>'"
    return _error(request, 401, detail, [])


def _mount() -> None:
    from importlib import import_module

    for prefix, module in ROUTERS:
        api.add_router(prefix, import_module(module).router)


_mount()


def unknown_path(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other path under /api/: a JSON 404, never Django's HTML page."""
    return _error(request, 404, f"no API endpoint {request.path}; see /api/v1/docs", [])
