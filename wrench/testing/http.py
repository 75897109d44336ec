"""Talking to the API over real HTTP in tests: a requests session holding a user's token."""

from __future__ import annotations

from typing import Any

import requests

from wrench.accounts.models import User
from wrench.accounts.tokens import create_token


class ApiClient:
    def __init__(self, base_url: str, user: User | None = None, token: str | None = None) -> None:
        self.base = f"{base_url}/api/v1"
        self.session = requests.Session()
        if user is not None and token is None:
            token = create_token(actor=user, user=user, name="tests").secret
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def __getattr__(self, method: str) -> Any:
        if method not in ("get", "post", "patch", "put", "delete"):
            raise AttributeError(method)

        def call(path: str, **kwargs: Any) -> requests.Response:
            kwargs.setdefault("timeout", 30)
            return self.session.request(method.upper(), self.base + path, **kwargs)

        return call
