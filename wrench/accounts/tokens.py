"""Personal API tokens: create, revoke, and find the user behind a bearer token.

A token is `wr_` + 40 random URL-safe characters. Only its SHA-256 is stored, with its first
characters for display, so a stolen database does not hand out working tokens.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from wrench.accounts.models import ApiToken, User
from wrench.core import clock
from wrench.core.errors import FieldError, NotAllowed, NotFound, ValidationFailed

PREFIX = "wr_"
# last_used_at is written at most this often per token, not on every request.
_TOUCH_EVERY = dt.timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class NewToken:
    token: ApiToken
    secret: str  # shown once; never stored


def create_token(
    *, actor: User, user: User, name: str = "", expires_days: int | None = None
) -> NewToken:
    """Create a token for `user` (the actor themself, or any user when actor is a superuser)."""
    if actor.pk != user.pk and not actor.is_superuser:
        raise NotAllowed("you may create tokens only for yourself")
    name = (name or "").strip() or "API token"
    errors = []
    if len(name) > 80:
        errors.append(FieldError("name", "at most 80 characters"))
    if expires_days is not None and not 1 <= expires_days <= 3650:
        errors.append(FieldError("expires_days", f"from 1 to 3650 days; got {expires_days}"))
    if errors:
        raise ValidationFailed("the token was not created", errors=errors)
    secret = PREFIX + secrets.token_urlsafe(30)
    now = clock.now()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[:10],
        digest=digest(secret),
        created_at=now,
        expires_at=now + dt.timedelta(days=expires_days) if expires_days else None,
    )
    return NewToken(token=token, secret=secret)


def revoke_token(*, actor: User, token_id: int) -> ApiToken:
    """Revoke one of the actor's tokens (a superuser may revoke anyone's). Idempotent."""
    token = ApiToken.objects.filter(pk=token_id).first()
    if token is None or (token.user_id != actor.pk and not actor.is_superuser):
        raise NotFound(f"no token {token_id} of yours")
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_token(secret: str) -> tuple[User | None, str]:
    """The active user a token belongs to, or None and the reason it was refused."""
    token = ApiToken.objects.select_related("user").filter(digest=digest(secret)).first()
    if token is None:
        return None, "unknown API token"
    now = clock.now()
    if token.revoked_at is not None:
        return None, f"API token {token.prefix}… was revoked"
    if token.expires_at is not None and token.expires_at <= now:
        return None, f"API token {token.prefix}… expired on {token.expires_at:%Y-%m-%d %H:%M}"
    if not token.user.is_active:
        return None, "the token's user is inactive"
    if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, ""
