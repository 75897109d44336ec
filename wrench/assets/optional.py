"""What an asset's pages show of preventive maintenance when that app is installed.

pm sits above this app; its part is found by name, never imported: the template
`pm/_asset_section.html` (rendered with `asset` in the context) and the phone page for meter
readings `/assets/<code>/readings/`. Without pm both are absent and the pages say so.
"""

from __future__ import annotations

from django.apps import apps
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import Resolver404, resolve

PM_SECTION = "pm/_asset_section.html"


def pm_section() -> str:
    """The template of pm's section on the asset page, or "" without pm."""
    if not apps.is_installed("wrench.pm"):
        return ""
    try:
        get_template(PM_SECTION)
    except TemplateDoesNotExist:
        return ""
    return PM_SECTION


def readings_url(code: str) -> str:
    """pm's phone page for entering a meter reading of the asset, or "" without it."""
    url = f"/assets/{code}/readings/"
    if not apps.is_installed("wrench.pm"):
        return ""
    try:
        match = resolve(url)
    except Resolver404:
        return ""
    return url if match.url_name != "asset" else ""
