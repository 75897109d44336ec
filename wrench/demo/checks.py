"""`wrench check` warns while the demo's logins are active on a server with a public name."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Warning as CheckWarning
from django.core.checks import register

from wrench.core.checks import LOCAL


@register("wrench", deploy=True)
def demo_logins(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    """The demo's people share one published password: fine on a laptop, not on a server."""
    public = set(settings.ALLOWED_HOSTS) - LOCAL
    if not public:
        return []
    from wrench.accounts.models import User
    from wrench.accounts.roles import Role

    try:
        demo = list(
            User.objects.filter(
                username__in=Role.values, last_name="(demo)", is_active=True
            ).values_list("username", flat=True)
        )
    except Exception:  # no database yet: database_is_ready says so
        return []
    if not demo:
        return []
    return [
        CheckWarning(
            f"the demo's logins ({', '.join(sorted(demo))}) are active on a server served to "
            f"{', '.join(sorted(public))}; their password is in the README",
            hint="deactivate them in /admin/ (or set each a new password) before real use",
            id="wrench.W001",
        )
    ]
