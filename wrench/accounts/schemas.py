"""API schemas of accounts: what its endpoints take and answer (api modules stay thin)."""

from __future__ import annotations

from decimal import Decimal

from ninja import Schema

from wrench.accounts.models import User


class UserOut(Schema):
    username: str
    first_name: str
    last_name: str
    roles: list[str]
    sites: list[str]
    approval_limit: Decimal | None
    trade: str | None

    @staticmethod
    def resolve_roles(obj: User) -> list[str]:
        return sorted(g.name for g in obj.groups.all())

    @staticmethod
    def resolve_sites(obj: User) -> list[str]:
        return sorted(s.code for s in obj.sites.all())

    @staticmethod
    def resolve_trade(obj: User) -> str | None:
        return obj.trade.code if obj.trade else None
