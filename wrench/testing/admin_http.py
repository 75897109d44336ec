"""Django admin over real HTTP in tests: log in through the form, read a page's form as a
browser would send it, change some fields, post it back (CSRF included)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import requests


class _FormReader(HTMLParser):
    """The fields of the page's main form (the one with a csrf token), as a browser sends them."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.in_form = False
        self.select: str | None = None
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self.in_form = True
        if not self.in_form or ("name" not in a and tag != "option"):
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append((self.select, a.get("value", "")))
        elif tag == "textarea":
            self.textarea, self.text = a["name"], ""

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, self.text.lstrip("\n")))
            self.textarea = None
        elif tag == "form":
            self.in_form = False


class AdminSession:
    def __init__(self, base_url: str) -> None:
        self.base = base_url
        self.http = requests.Session()

    def login(self, username: str, password: str = "pw") -> requests.Response:
        self.http.get(f"{self.base}/admin/login/", timeout=30)
        return self.post(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password, "next": "/admin/"},
        )

    def get(self, path: str) -> requests.Response:
        return self.http.get(self.base + path, timeout=30, allow_redirects=False)

    def form(self, path: str) -> list[tuple[str, str]]:
        reader = _FormReader()
        reader.feed(self.get(path).text)
        return reader.fields

    def post(self, path: str, data: Any) -> requests.Response:
        token = self.http.cookies.get("csrftoken", "")
        if isinstance(data, dict):
            data = {**data, "csrfmiddlewaretoken": token}
        else:
            data = [(k, v) for k, v in data if k != "csrfmiddlewaretoken"]
            data.append(("csrfmiddlewaretoken", token))
        return self.http.post(
            self.base + path,
            data=data,
            headers={"Referer": self.base + path},
            timeout=30,
            allow_redirects=False,
        )

    def submit(self, path: str, changes: dict[str, Any]) -> requests.Response:
        """Post the form at `path` back with `changes` (a list value for a multiple select)."""
        fields = [(k, v) for k, v in self.form(path) if k not in changes]
        for name, value in changes.items():
            values = value if isinstance(value, list) else [value]
            fields.extend((name, str(v)) for v in values if v is not None)
        return self.post(path, fields)
