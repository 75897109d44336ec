"""Showing a report cell by its column kind: hours with one decimal, % with a sign, dates."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def cell(value: Any, kind: str) -> str:
    if value is None or value == "":
        return "–"
    if kind == "hours":
        return f"{float(value):,.1f}"
    if kind == "pct":
        return f"{float(value):.1f} %"
    if kind == "int":
        return f"{int(value):,}"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@register.filter
def get(row: dict[str, Any], key: str) -> Any:
    return row.get(key)


@register.filter
def figure(value: Any) -> str:
    if value is None:
        return "no data"
    if isinstance(value, float | int):
        return f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
    return str(value)


@register.filter
def svg_src(svg: str) -> str:
    """A chart's SVG as a data: URL for <img>. Inline, matplotlib's SVG carries <style> and
    style attributes that the Content-Security-Policy (style-src 'self') refuses; inside an
    image they are the image's own business."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
