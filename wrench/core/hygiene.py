"""Input hygiene in one place: what no handler, filter or database should ever see.

The middleware answers 400 naming the field before any view runs when a query value, the
path or a body value (JSON or form) holds a character no text column can keep (NUL and the
other C0 controls but tab, line feed and carriage return; lone surrogates; U+FFFE/U+FFFF), or
a whole number beyond a 64-bit column. PostgreSQL refuses NUL in text outright, and an
integer past 2**63 overflows every database, so both would surface as a 500 half-way through
a request. A body over Django's DATA_UPLOAD_MAX_MEMORY_SIZE answers 413.

Under /api/ every refusal is the API's JSON `{"detail", "errors"}`; a page gets plain text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse

from wrench.core.rendering import json_answer

# Characters no text column keeps: C0 controls except tab/LF/CR, lone surrogates, non-characters.
UNUSABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A quick look at the raw JSON before parsing it: a control byte, or an escape for one.
_RAW_SUSPECT = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\\u(?:00[01][0-9a-fA-F]|[dD][89a-fA-F]|[fF]{3}[eEfF])|\d{19}"
)
# Whole numbers a bigint column holds; anything wider is a 400, never an overflow.
MAX_INTEGER = 2**63 - 1
MAX_INTEGER_DIGITS = 19


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def refusal(
    request: HttpRequest, status: int, detail: str, errors: list[dict[str, str]]
) -> HttpResponse:
    """The error answer of this request: JSON under /api/, plain text on a page."""
    if is_api(request):
        return json_answer(request, {"detail": detail, "errors": errors}, status=status)
    lines = [detail, *(f"{e['field']}: {e['message']}" for e in errors)]
    return HttpResponse("\n".join(lines), status=status, content_type="text/plain; charset=utf-8")


def _describe(text: str) -> str:
    found = UNUSABLE.search(text)
    char = found.group() if found else ""
    return f"holds the character U+{ord(char):04X} at position {found.start() if found else 0}; remove it"


def text_problem(text: str) -> str | None:
    """Why `text` cannot be kept, or None."""
    if UNUSABLE.search(text):
        return _describe(text)
    return None


def _walk_json(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        if UNUSABLE.search(value):
            yield where or "body", _describe(value)
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if abs(value) > MAX_INTEGER:
            yield where or "body", f"{value} is out of range: from {-MAX_INTEGER} to {MAX_INTEGER}"
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{where}.{key}" if where else str(key)
            if UNUSABLE.search(str(key)):
                yield name, "the field name " + _describe(str(key))
            else:
                yield from _walk_json(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_json(item, f"{where}.{index}" if where else str(index))


def _query_problems(request: HttpRequest) -> Iterator[tuple[str, str]]:
    for key, values in request.GET.lists():
        if UNUSABLE.search(key):
            yield "query", "a parameter name " + _describe(key)
            continue
        for value in values:
            if UNUSABLE.search(value):
                yield key, _describe(value)
            elif value.lstrip("+-").isdigit() and len(value.lstrip("+-0")) > MAX_INTEGER_DIGITS:
                yield key, f"{value[:30]}… is out of range: at most {MAX_INTEGER}"


def _body_problems(request: HttpRequest) -> Iterator[tuple[str, str]]:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    kind = request.content_type or ""
    if kind == "application/json" or kind.endswith("+json"):
        raw = request.body
        if not _RAW_SUSPECT.search(raw):
            return
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            if b"\x00" in raw:
                yield "body", "holds a NUL byte; remove it"
            return  # not JSON at all: the API says so itself
        yield from _walk_json(data, "")
    elif kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for key, values in request.POST.lists():
            for value in values:
                if UNUSABLE.search(value):
                    yield key, _describe(value)


def problems(request: HttpRequest) -> list[dict[str, str]]:
    found = list(_query_problems(request))
    if UNUSABLE.search(request.path):
        found.append(("path", _describe(request.path)))
    found.extend(_body_problems(request))
    return [{"field": field, "message": message} for field, message in found]


class InputHygieneMiddleware:
    """400 naming the field for unusable characters and numbers; 413 for a body too large."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            found = problems(request)
        except RequestDataTooBig:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            return refusal(
                request,
                413,
                f"the request body is too large: at most {limit} bytes (files go in a form upload)",
                [{"field": "body", "message": f"at most {limit} bytes"}],
            )
        if found:
            fields = ", ".join(sorted({e["field"] for e in found}))
            return refusal(
                request, 400, f"the request holds input that cannot be kept: check {fields}", found
            )
        return self.get_response(request)
