"""Every page of the app, found from the URL confs: each pattern's URL with its arguments
filled from the data at hand (the demo plant), so a test can visit them all as each role.

A pattern that takes arguments nothing here can fill is reported, not silently left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

# Prefixes that are not pages of the app a person works in (the admin is Django's own,
# the API answers JSON, the login pages are visited by every test that logs in).
NOT_PAGES = (
    "admin/",
    "api/",
    "accounts/login/",
    "accounts/logout/",
    "accounts/password",
    "accounts/reset/",
)


@dataclass(frozen=True)
class Pattern:
    route: str  # "wo/<str:number>/"
    name: str  # "wo" (namespaced: "reports:report")
    converters: tuple[str, ...]  # argument names


def patterns() -> Iterator[Pattern]:
    def walk(entries: list[Any], prefix: str, namespace: str) -> Iterator[Pattern]:
        for entry in entries:
            if isinstance(entry, URLResolver):
                space = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), space)
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                if not route.startswith(NOT_PAGES) and not _is_file(route):
                    names = tuple(entry.pattern.converters)
                    yield Pattern(route, f"{namespace}{entry.name or ''}", names)

    yield from walk(get_resolver().url_patterns, "", "")


def _is_file(route: str) -> bool:
    """A download (a PDF, an export), not a page: its last part has a file extension."""
    last = route.rstrip("/").rsplit("/", 1)[-1]
    return "." in last


def fill(route: str, values: dict[str, list[str]]) -> list[str]:
    """`route` with each `<conv:name>` replaced by each of `values[name]` (several values:
    several URLs); [] when a name has no value."""
    urls = ["/" + route]
    while True:
        start = urls[0].find("<")
        if start < 0:
            return urls
        end = urls[0].index(">", start)
        name = urls[0][start + 1 : end].split(":")[-1]
        if not values.get(name):
            return []
        urls = [u[:start] + v + u[end + 1 :] for u in urls for v in values[name]]


def page_urls(values: Callable[[Pattern], dict[str, list[str]]]) -> tuple[list[str], list[str]]:
    """(URLs to visit, routes that could not be filled)."""
    urls: list[str] = []
    unfilled: list[str] = []
    for pattern in patterns():
        found = fill(pattern.route, values(pattern))
        if found:
            urls += [u for u in found if u not in urls]
        else:
            unfilled.append(pattern.route)
    return urls, unfilled
