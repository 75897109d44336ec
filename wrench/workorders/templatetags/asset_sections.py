"""The work order sections of an asset's page (/assets/<code>/).

The asset page belongs to assets, which sits below workorders; it shows these sections through
the tags here, so its code imports nothing above it (DESIGN.md, tests/test_layers.py).
"""

from __future__ import annotations

from typing import Any

from django import template

from wrench.workorders.asset_work import asset_work

register = template.Library()


@register.inclusion_tag("workorders/_asset_work.html", takes_context=True)
def asset_work_sections(context: template.Context, asset: Any) -> dict[str, Any]:
    """Open work, warranty work so far and the filtered coded history of the asset's subtree."""
    request = context["request"]
    return {
        "asset": asset,
        "work": asset_work(asset, request.user, request.GET),
        "request": request,
    }
