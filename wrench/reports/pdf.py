"""PDFs drawn by WeasyPrint from HTML templates: a report, and a work order packet."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def render_pdf(template: str, context: dict[str, Any], *, base_url: str = "") -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango at import

    html = render_to_string(template, context)
    return bytes(HTML(string=html, base_url=base_url or ".").write_pdf())
