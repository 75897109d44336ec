"""Personal API tokens: create, revoke, and find the user behind a bearer token.

A token is `wr_` + 40 random URL-safe characters. Only its SHA-256 is stored, with its first
characters for display, so a stolen database does not hand out working tokens.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, replace
from typing import Any

from django.db import DEFAULT_DB_ALIAS

from wrench.accounts.models import ApiToken, User
from wrench.core import clock
from wrench.core.errors import FieldError, NotAllowed, NotFound, ValidationFailed

PREFIX = "wr_"
# last_used_at is written at most this often per token, not on every request.
_TOUCH_EVERY = dt.timedelta(minutes=1)
# A valid token's owner is remembered in this process for this long, so a burst of API calls
# costs no token, user or membership query. Expiry is checked on every call; a revocation,
# or a change to a user, site or membership made in this process, forgets every token at
# once (signals, see AccountsConfig); one made in another web worker counts within this time.
CACHE_FOR = dt.timedelta(seconds=5)


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


@dataclass(frozen=True)
class _Known:
    """What a valid token stood for when it was last read from the database."""

    prefix: str
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    token_id: int
    user_row: tuple[Any, ...]  # the user's concrete field values, for a fresh instance
    site_ids: frozenset[int]
    read_at: dt.datetime


_KNOWN: dict[str, _Known] = {}
_USER_FIELDS = [f.attname for f in User._meta.concrete_fields]


def forget_tokens(**_: Any) -> None:
    """Forget every remembered token (a token, user, site or membership changed)."""
    _KNOWN.clear()


def user_for_token(secret: str) -> tuple[User | None, str]:
    """The active user a token belongs to, or None and the reason it was refused."""
    key = digest(secret)
    now = clock.now()
    known = _KNOWN.get(key)
    if known is None or not dt.timedelta(0) <= now - known.read_at < CACHE_FOR:
        found = _read(key, now)
        if isinstance(found, str):
            _KNOWN.pop(key, None)
            return None, found
        known = _KNOWN[key] = found
    if known.expires_at is not None and known.expires_at <= now:
        return None, _expired(known.prefix, known.expires_at)
    if known.last_used_at is None or now - known.last_used_at > _TOUCH_EVERY:
        ApiToken.objects.filter(pk=known.token_id).update(last_used_at=now)
        _KNOWN[key] = replace(known, last_used_at=now)
    # A fresh instance per request: nothing cached on one request's user leaks to the next.
    user = User.from_db(DEFAULT_DB_ALIAS, _USER_FIELDS, known.user_row)
    user._site_ids = set(known.site_ids)
    return user, ""


def _read(key: str, now: dt.datetime) -> _Known | str:
    """The token with digest `key` from the database, or why it is refused."""
    token = ApiToken.objects.select_related("user").filter(digest=key).first()
    if token is None:
        return "unknown API token"
    if token.revoked_at is not None:
        return f"API token {token.prefix}… was revoked"
    if token.expires_at is not None and token.expires_at <= now:
        return _expired(token.prefix, token.expires_at)
    if not token.user.is_active:
        return "the token's user is inactive"
    return _Known(
        prefix=token.prefix,
        expires_at=token.expires_at,
        last_used_at=token.last_used_at,
        token_id=token.pk,
        user_row=tuple(getattr(token.user, name) for name in _USER_FIELDS),
        site_ids=frozenset(token.user.site_ids()),
        read_at=now,
    )


def _expired(prefix: str, expires_at: dt.datetime) -> str:
    return f"API token {prefix}… expired on {expires_at:%Y-%m-%d %H:%M}"
