"""The planning and time sections of the work order page and of My work's cards.

Pages of the apps below planning show these sections through the template tags here, so the
page composes them without its code importing planning (imports run downward; DESIGN.md).
"""

from __future__ import annotations

from typing import Any

from django import template

from wrench.planning.views import panels, time_context
from wrench.planning.views_checklist import checklist_context

register = template.Library()


def _shown(context: template.Context) -> dict[str, Any]:
    """What the page's template has (csrf token, typed values, errors), for the section."""
    return {str(key): value for key, value in context.flatten().items()}


@register.inclusion_tag("planning/_panel.html", takes_context=True)
def planning_panel(context: template.Context, wo: Any) -> dict[str, Any]:
    """The planner's section: labour, job plans, material, requisitions, finish planning."""
    plan = panels(wo, context["request"].user, time=False).get("plan")
    return {**_shown(context), "wo": wo, "plan": plan}


@register.inclusion_tag("planning/_time.html", takes_context=True)
def time_panel(context: template.Context, wo: Any, view: str = "page") -> dict[str, Any]:
    """Time entry and actual against estimated hours, for whoever charges time. The error
    of the last entry comes from `time_errors` (number → message) or `panel_error.time`."""
    user = context["request"].user
    shown = user.has_perm("labor.charge_time")
    errors = context.get("time_errors") or {}
    error = errors.get(wo.number) or (context.get("panel_error") or {}).get("time", "")
    typed = context.get("time_typed") if wo.number in errors else context.get("typed")
    return {
        **_shown(context),
        "wo": wo,
        "view": view,
        "time": time_context(wo, user) if shown else None,
        "time_error": error,
        "typed": typed or {},
    }


@register.inclusion_tag("planning/_checklist.html", takes_context=True)
def checklist_panel(context: template.Context, wo: Any, view: str = "page") -> dict[str, Any]:
    """The inspection checklist with pass / fail buttons and readings (nothing when the work
    order has no checklist). A page's error for item n comes as `panel_error["check-n"]`."""
    errors = {
        int(key.removeprefix("check-")): message
        for key, message in (context.get("panel_error") or {}).items()
        if key.startswith("check-")
    }
    return {
        **_shown(context),
        **checklist_context(
            wo, context["request"].user, view=view, errors=errors, typed=context.get("typed")
        ),
    }
