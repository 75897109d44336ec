"""A site's PM rules: how PM compliance judges lateness (the grace), read and changed here.

A site without a row has the defaults (grace: +20 % of the interval, at most 28 days).
Changing them is site configuration: the `pm.change_pmsettings` permission (admin).
"""

from __future__ import annotations

from django.db import transaction

from wrench.accounts.models import User
from wrench.assets.models import Site
from wrench.core.errors import FieldError, NotAllowed, ValidationFailed
from wrench.pm.models import Grace, PmSettings
from wrench.workorders.services import check_site


def settings_of(site: Site) -> PmSettings:
    """The site's PM settings, unsaved defaults when it has none."""
    return PmSettings.objects.filter(site=site).first() or PmSettings(site=site)


def change_settings(*, actor: User, site: Site, compliance_grace: str) -> PmSettings:
    check_site(actor, site.pk)
    if not actor.has_perm("pm.change_pmsettings"):
        raise NotAllowed(
            f"a site's PM settings are changed by the admin role; you are {actor.role_label}"
        )
    if compliance_grace not in Grace.values:
        allowed = "; ".join(f"{v} ({label})" for v, label in Grace.choices)
        raise ValidationFailed(
            "the PM settings are not valid",
            errors=[
                FieldError(
                    "compliance_grace", f"{compliance_grace!r} is not a grace rule; use {allowed}"
                )
            ],
        )
    with transaction.atomic():
        found, _ = PmSettings.objects.select_for_update().get_or_create(site=site)
        found.compliance_grace = compliance_grace
        found.save(update_fields=["compliance_grace"])
    return found
