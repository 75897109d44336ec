"""The API's one JSON renderer. wrench/api.py's NinjaAPI renders every answer with it, and an
answer built to the schema's exact fields (so not validated again) goes out through
`json_answer`, byte for byte as the NinjaAPI would send it (tests hold the two equal)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja.renderers import JSONRenderer

RENDERER = JSONRenderer()
CONTENT_TYPE = f"{RENDERER.media_type}; charset={RENDERER.charset}"


def json_answer(request: HttpRequest, data: Any, status: int = 200) -> HttpResponse:
    """What NinjaAPI.create_response answers for `data` with this renderer."""
    content = RENDERER.render(request, data, response_status=status)
    return HttpResponse(content, status=status, content_type=CONTENT_TYPE)
