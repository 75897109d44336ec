"""The REST API under /api/v1/: one NinjaAPI, one router per app, one error shape.

Every error is JSON `{"detail": "...", "errors": [{"field": ..., "message": ...}]}`:
- 400 the request is not valid: it breaks a rule (unknown code value, unknown asset, a
  filter or cursor that is not valid, a page larger than 500); a query or path parameter is
  out of its documented range or of the wrong type; the body is empty, not JSON, or does not
  fit the schema (wrong type, unknown or missing field); a value holds a character no text
  can keep (NUL, control characters) or a number beyond 64 bits. The message names the
  field and what is allowed;
- 401 no token or session, or a token that is unknown, expired or revoked (a write without a
  token is a 401 too: the session and its CSRF check count only for a request that carries
  our pages' session cookie);
- 403 the role (or CSRF check of a browser session) does not allow it;
- 404 no such object at the user's sites;
- 409 the work order's status forbids it (adds `status` and `allowed`);
- 413 the body is larger than the server takes;
- 500 something failed on our side: it is logged under the id the answer names.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from wrench.core.errors import DomainError
from wrench.core.failures import internal_error_answer, log_internal_error
from wrench.core.rendering import RENDERER

# Each app's router, mounted in this order. A new app adds one line here.
ROUTERS = [
    ("/", "wrench.coding.api"),
    ("/", "wrench.assets.api"),
    ("/", "wrench.accounts.api"),
    ("/", "wrench.workorders.api"),
    ("/", "wrench.workorders.api_attachments"),
    ("/reports", "wrench.reports.api"),
    ("/", "wrench.approvals.api"),
    ("/", "wrench.planning.api"),
    ("/", "wrench.planning.api_completion"),
    ("/", "wrench.planning.api_checklist"),
    ("/", "wrench.planning.api_materials"),
    ("/", "wrench.materials.api"),
    ("/", "wrench.labor.api"),
    ("/", "wrench.imports.api"),
    ("/", "wrench.scheduling.api"),
    ("/", "wrench.scheduling.api_people"),
    ("/", "wrench.pm.api"),
    ("/", "wrench.pm.api_settings"),
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
    """Our own pages: the logged-in session, with the CSRF token on unsafe methods.

    Only a request carrying the session cookie is a page's request; any other (a script
    without a token) is simply not authenticated, a 401, never a 403 about CSRF.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super().__call__(request)


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
    """A parameter or body that does not fit its schema: 400 naming each field, like every
    other bad input (one convention; there is no 422)."""
    errors = []
    in_params = bool(exc.errors) and all(
        str(next(iter(err.get("loc", ())), "")) in ("query", "path") for err in exc.errors
    )
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path"):
            loc = loc[1:]
        if loc and loc[0] in ("payload", "data", "rows") and len(loc) > 1:
            loc = loc[1:]
        errors.append({"field": ".".join(loc) or "body", "message": _message(err)})
    fields = ", ".join(sorted({e["field"] for e in errors})) or "the body"
    if in_params:
        return _error(request, 400, f"a parameter is not valid: check {fields}", errors)
    return _error(request, 400, f"the request body does not fit the schema: check {fields}", errors)


NOT_JSON = "the body is empty or not JSON; send a JSON object"


def _message(err: dict[str, Any]) -> str:
    if err.get("type") == "json_invalid":
        return NOT_JSON
    return str(err.get("msg", "not valid"))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        # Ninja's own refusal of a body that is not JSON: say what to send instead.
        return _error(
            request,
            400,
            "the request body is not JSON: send a JSON object",
            [{"field": "body", "message": NOT_JSON}],
        )
    return _error(request, exc.status_code, str(exc), [])


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = str(exc)
    if detail == "Unauthorized":
        detail = "log in, or send a personal API token as 'Authorization: Bearer <token>'"
    return _error(request, 401, detail, [])


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, str(exc) or "not found", [])


@api.exception_handler(Exception)
def _internal_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return _error(
            request,
            413,
            f"the request body is too large: at most {limit} bytes",
            [{"field": "body", "message": f"at most {limit} bytes"}],
        )
    return internal_error_answer(request, log_internal_error(request, exc))


def _mount() -> None:
    from importlib import import_module

    for prefix, module in ROUTERS:
        api.add_router(prefix, import_module(module).router)


_mount()


def unknown_path(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other path under /api/: a JSON 404, never Django's HTML page."""
    return _error(request, 404, f"no API endpoint {request.path}; see /api/v1/docs", [])
