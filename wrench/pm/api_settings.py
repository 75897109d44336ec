"""API: a site's PM settings (the grace PM compliance allows)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from wrench.accounts.access import site_of, user_of
from wrench.core.schemas import answers
from wrench.pm import schemas
from wrench.pm.models import Grace, PmSettings
from wrench.pm.site_settings import change_settings, settings_of

router = Router(tags=["preventive maintenance"])


def _out(found: PmSettings) -> dict[str, Any]:
    return {
        "site": found.site.code,
        "compliance_grace": found.compliance_grace,
        "compliance_grace_label": found.get_compliance_grace_display(),
        "choices": dict(Grace.choices),
    }


@router.get("/pm-settings", response=answers({200: schemas.SettingsOut}))
def get_settings(request: HttpRequest, site: str | None = None) -> dict[str, Any]:
    """The site's PM settings: `compliance_grace` is how late PM work may be completed and
    still count as compliant (`due`, `day`, `pct`)."""
    return _out(settings_of(site_of(request, site)))


@router.patch("/pm-settings", response=answers({200: schemas.SettingsOut}))
def patch_settings(request: HttpRequest, payload: schemas.SettingsIn) -> dict[str, Any]:
    """Change the site's grace rule (admin): `due` on the due date; `day` +1 day; `pct`
    +20 % of the interval, at most 28 days."""
    found = change_settings(
        actor=user_of(request),
        site=site_of(request, payload.site),
        compliance_grace=payload.compliance_grace,
    )
    return _out(found)
