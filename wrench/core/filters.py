"""The base of every list's filter class: query parameters in, a queryset and its order out.

A list's filter is a Pydantic model (`FilterSchema`) whose fields are its query parameters.
`from_query(request.GET)` reads it, and whatever does not fit — an unknown key, a status that
does not exist, a date that is not a date, a NUL byte — is a 400 naming the field and what
is allowed, like a body that does not fit its schema (the API has no 422). The page of
the same list uses the same class, so the page and the API filter alike.

`parameters(Filter)` describes the class's fields as OpenAPI query parameters (and
`limit`/`cursor`), for handlers that read `request.GET` through the class.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wrench.core.errors import FieldError, ValidationFailed
from wrench.core.paging import DEFAULT_LIMIT, MAX_LIMIT, Ordering

PAGING = ("limit", "cursor")


def csv(raw: str | None) -> list[str]:
    """`"BL, PL,"` → `["BL", "PL"]`."""
    return [part.strip() for part in (raw or "").split(",") if part.strip()]


def _message(err: Mapping[str, Any]) -> str:
    text = str(err.get("msg", "not valid"))
    return text.removeprefix("Value error, ")


def errors_of(exc: ValidationError) -> list[FieldError]:
    return [
        FieldError(".".join(str(p) for p in err["loc"]) or "query", _message(err))
        for err in exc.errors()
    ]


class FilterSchema(BaseModel):
    """Filters of one list; every one optional, all combined with AND.

    A subclass declares its fields, `ORDERING` (Django's spelling, `id` added as the
    tiebreak) and `apply(qs)`. Lists that let the caller sort declare a `sort` field and
    `SORT_KEYS` (name → column) and read `ordering()` from it.
    """

    model_config = ConfigDict(extra="forbid")

    ORDERING: ClassVar[tuple[str, ...]] = ("id",)
    SORT_KEYS: ClassVar[Mapping[str, str]] = {}
    # Query keys the list reads itself (paging, `format`): not filters, not refused.
    NOT_FILTERS: ClassVar[tuple[str, ...]] = PAGING

    @classmethod
    def from_query(cls, query: Mapping[str, Any], *, ignore: tuple[str, ...] = ()) -> Self:
        """Read from a query dict; a bad value or an unknown key → 400 naming it."""
        skip = set(cls.NOT_FILTERS) | set(ignore)
        data = {key: query.get(key) for key in query if key not in skip}
        return cls.validated(data)

    @classmethod
    def validated(cls, data: Mapping[str, Any]) -> Self:
        errors: list[FieldError] = []
        known = set(cls.model_fields)
        for key, value in data.items():
            if isinstance(value, str) and ("\x00" in value or len(value) > 2000):
                errors.append(FieldError(key, "a text without NUL bytes, at most 2000 characters"))
            elif key not in known and not cls._takes_extra(key):
                allowed = ", ".join(sorted(n for n in known if not cls._hidden(n)))
                errors.append(FieldError(key, f"unknown filter {key!r}; allowed: {allowed}"))
        if errors:
            raise ValidationFailed("the filter is not valid", errors=errors)
        try:
            return cls.model_validate(dict(data))
        except ValidationError as exc:
            raise ValidationFailed("the filter is not valid", errors=errors_of(exc)) from exc

    @classmethod
    def _takes_extra(cls, key: str) -> bool:
        return False

    @classmethod
    def _hidden(cls, name: str) -> bool:
        field = cls.model_fields[name]
        return bool(field.exclude)

    def ordering(self) -> Ordering:
        """The list's order: `sort` if the class has one, else `ORDERING`."""
        sort = getattr(self, "sort", None)
        if sort and self.SORT_KEYS:
            return Ordering.of(
                *[
                    ("-" if key.startswith("-") else "") + self.SORT_KEYS[key.lstrip("-")]
                    for key in csv(sort)
                ]
            )
        return Ordering.of(*self.ORDERING)


class SiteFilter(FilterSchema):
    """A list of the user's sites, or of one of them (`site`): the handler resolves the code
    (a site the user is not a member of is a 404 there)."""

    site: str | None = Field(
        None, max_length=40, description="A site code: only that site (default: all your sites)"
    )


def check_sort(value: str, keys: Mapping[str, str]) -> str:
    """A `sort` value's keys (with - for descending) must all be in `keys`."""
    for key in csv(value) or ["?"]:
        if key.lstrip("-") not in keys:
            raise ValueError(f"unknown sort key {key!r}; allowed: {', '.join(keys)}")
    return value


def parameters(
    flt: type[FilterSchema],
    *,
    paged: bool = True,
    default_limit: int = DEFAULT_LIMIT,
    max_limit: int = MAX_LIMIT,
    offset: int | None = None,
) -> list[dict[str, Any]]:
    """OpenAPI query parameters of the filter's fields, then `limit` and `cursor`."""
    schema = flt.model_json_schema()
    params = []
    for name, prop in schema.get("properties", {}).items():
        if flt._hidden(name):
            continue
        # Optional fields are anyOf[T, null]; a query string has no null, keep T.
        options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
        spec = {k: v for k, v in options[0].items() if k != "title"}
        for k in ("enum", "maxLength", "minimum", "maximum"):
            if k in prop:
                spec[k] = prop[k]
        if "$ref" in spec:  # an enum of strings
            ref = spec.pop("$ref").rsplit("/", 1)[-1]
            spec.update({k: v for k, v in schema["$defs"][ref].items() if k != "title"})
        if prop.get("default") is not None:
            spec["default"] = prop["default"]
        params.append(
            {
                "in": "query",
                "name": name,
                "required": False,
                "description": prop.get("description", name.replace("_", " ")),
                "schema": spec,
            }
        )
    if paged:
        params += paging_parameters(default_limit=default_limit, max_limit=max_limit)
    if offset is not None:
        params.append(
            {
                "in": "query",
                "name": "offset",
                "required": False,
                "description": f"Rows to skip, 0 to {offset} (deeper: use the cursor)",
                "schema": {"type": "integer", "minimum": 0, "maximum": offset, "default": 0},
            }
        )
    return params


def paging_parameters(
    *, default_limit: int = DEFAULT_LIMIT, max_limit: int = MAX_LIMIT
) -> list[dict[str, Any]]:
    return [
        {
            "in": "query",
            "name": "limit",
            "required": False,
            "description": f"Rows per page, 1 to {max_limit} (default {default_limit})",
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": max_limit,
                "default": default_limit,
            },
        },
        {
            "in": "query",
            "name": "cursor",
            "required": False,
            "description": "The next page: next_cursor (or the X-Next-Cursor header) of the "
            "previous page, with the same filters and sort",
            "schema": {"type": "string", "maxLength": 1000},
        },
    ]
