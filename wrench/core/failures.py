"""The last word on every failure: under /api/ the answer is JSON `{"detail", "errors"}`.

Django's own error views (400, 403, 404, 500) answer HTML; for a path under /api/ these
answer the API's error shape instead. An unexpected error is logged with a short id and the
answer names that id, so an operator finds the traceback a user quotes.
"""

from __future__ import annotations

import logging
import sys
import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults

from wrench.core.hygiene import is_api, refusal

log = logging.getLogger("wrench.errors")


def log_internal_error(request: HttpRequest, exc: BaseException | None) -> str:
    """Log the error with its traceback under a new id; return the id."""
    error_id = uuid.uuid4().hex[:12]
    info = (type(exc), exc, exc.__traceback__) if exc is not None else sys.exc_info()
    log.error("internal error %s on %s %s", error_id, request.method, request.path, exc_info=info)
    return error_id


def internal_error_answer(request: HttpRequest, error_id: str) -> HttpResponse:
    detail = f"internal error {error_id}: it was logged; quote this id when you report it"
    return refusal(request, 500, detail, [{"field": "error_id", "message": error_id}])


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return refusal(request, 400, f"the request is not valid: {exception}", [])
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return refusal(request, 403, str(exception) or "not allowed", [])
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return refusal(request, 404, f"no API endpoint {request.path}; see /api/v1/docs", [])
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest, *args: Any) -> HttpResponse:
    # Django calls this inside its `except`: sys.exc_info() is the error.
    error_id = log_internal_error(request, None)
    if is_api(request):
        return internal_error_answer(request, error_id)
    # A template without the base page's context: it must draw even when the database is down.
    html = loader.render_to_string("500.html", {"error_id": error_id})
    return HttpResponse(html, status=500)
