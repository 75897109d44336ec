"""The demo people: one login per role, all with the same password, all at the demo site."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import Group

from wrench.accounts.models import User
from wrench.accounts.roles import Role, ensure_roles
from wrench.assets.models import Site

DEMO_PASSWORD = "wrench"
LIMITS = {Role.SUPERVISOR: Decimal(5000), Role.MANAGER: None, Role.ADMIN: Decimal(0)}
# example.com is reserved for examples (RFC 2606): the demo's mail goes to var/mail by
# default and never reaches a real inbox even with SMTP configured.
EMAIL_DOMAIN = "demo.example.com"


def demo_users(site: Site) -> list[tuple[str, str]]:
    """Make (or keep) one person per role at `site`; return the (username, password) logins."""
    ensure_roles()
    logins = []
    for role in Role:
        user, created = User.objects.get_or_create(
            username=role.value,
            defaults={
                "first_name": role.label,
                "last_name": "(demo)",
                "email": f"{role.value}@{EMAIL_DOMAIN}",
            },
        )
        if not user.email:  # a demo loaded before the people had e-mail
            user.email = f"{role.value}@{EMAIL_DOMAIN}"
            user.save(update_fields=["email"])
        if created:
            user.set_password(DEMO_PASSWORD)
            user.approval_limit = LIMITS.get(role, Decimal(0))
            user.is_staff = role == Role.ADMIN
            user.save()
        user.groups.add(Group.objects.get(name=role.value))
        user.sites.add(site)
        logins.append((role.value, DEMO_PASSWORD))
    return logins


def by_username() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=[r.value for r in Role])}
