"""The mapping file (TOML): which legacy column feeds which field, and how values translate.

```toml
kind = "work-orders"            # optional: refuses a mapping meant for another kind
site = "MILL"                   # the site the rows go to
[options]
date_format = "%d/%m/%Y"        # strptime format of the legacy dates (default: ISO 8601)
decimal_comma = true            # "1.234,50" (default: false, "1234.50")
[columns]                       # Wrench field = "legacy column"
legacy_number = "WO No"
[defaults]                      # a field's value where its column is empty or absent
status = "CL"
[values.urgency]                # legacy value → Wrench value, per field
"1" = "E"
[legacy."WO Type"]              # one legacy column's values set several fields at once
"Emergency" = { urgency = "E" }
"Capital" = { funding = "C", project_number = { column = "Project" } }
```

Legacy values are matched without regard to case or repeated spaces. docs/import.md is the
user's guide. Nothing here reads the file or the database.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from wrench.core.errors import FieldError, ValidationFailed


def normal(value: str) -> str:
    """A legacy value as it is matched: case and repeated spaces do not count."""
    return " ".join(value.split()).casefold()


@dataclass(frozen=True)
class FromColumn:
    """A field's value taken from another column of the same row (`{ column = "Project" }`)."""

    column: str


Source = str | FromColumn


@dataclass
class LegacyMap:
    """A legacy column whose values each set several fields (the spec's mixed "Type" list)."""

    column: str
    values: dict[str, dict[str, Source]]  # normal(legacy value) → field → value or column
    labels: dict[str, str]  # normal(legacy value) → as written in the mapping


@dataclass
class Mapping:
    name: str = "mapping"
    kind: str | None = None
    site: str | None = None
    sheet: str | None = None
    date_format: str | None = None
    decimal_comma: bool = False
    columns: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field → normal → value
    legacy: list[LegacyMap] = field(default_factory=list)

    def column_of(self, name: str) -> str:
        """The legacy column that feeds field `name` (its own name when not mapped; "" when
        the mapping says `name = ""`: not read, even if a column has its name)."""
        return self.columns.get(name, name)

    def fields_set(self) -> set[str]:
        """Every field the mapping can give a value to (columns, defaults, legacy maps)."""
        found = set(self.columns) | set(self.defaults)
        for legacy in self.legacy:
            for sets in legacy.values.values():
                found |= set(sets)
        return found


_TOP = {"kind", "site", "sheet", "options", "columns", "defaults", "values", "legacy"}
_OPTIONS = {"date_format", "decimal_comma"}


def parse(text: str, *, name: str = "mapping") -> Mapping:
    """Read a TOML mapping; every mistake in it is a FieldError naming its key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationFailed(f"{name} is not valid TOML: {exc}") from None
    errors: list[FieldError] = []
    for key in sorted(set(data) - _TOP):
        errors.append(FieldError(key, f"unknown key; allowed: {', '.join(sorted(_TOP))}"))
    mapping = Mapping(name=name)
    for key in ("kind", "site", "sheet"):
        if key in data:
            setattr(mapping, key, _string(data[key], key, errors))
    options = _table(data.get("options", {}), "options", errors)
    for key in sorted(set(options) - _OPTIONS):
        errors.append(FieldError(f"options.{key}", f"unknown; allowed: {', '.join(_OPTIONS)}"))
    if "date_format" in options:
        mapping.date_format = _string(options["date_format"], "options.date_format", errors)
    if "decimal_comma" in options:
        if not isinstance(options["decimal_comma"], bool):
            errors.append(FieldError("options.decimal_comma", "true or false"))
        else:
            mapping.decimal_comma = options["decimal_comma"]
    for section in ("columns", "defaults"):
        table = _table(data.get(section, {}), section, errors)
        target = getattr(mapping, section)
        for key, raw in table.items():
            target[key] = _string(raw, f"{section}.{key}", errors)
    for key, table in _table(data.get("values", {}), "values", errors).items():
        pairs = _table(table, f"values.{key}", errors)
        mapping.values[key] = {
            normal(legacy): _string(raw, f"values.{key}.{legacy}", errors)
            for legacy, raw in pairs.items()
        }
    for column, table in _table(data.get("legacy", {}), "legacy", errors).items():
        mapping.legacy.append(_legacy(column, _table(table, f"legacy.{column}", errors), errors))
    if errors:
        raise ValidationFailed(
            f"{name} is not a valid mapping: check {', '.join(e.field for e in errors)}",
            errors=errors,
        )
    return mapping


def _legacy(column: str, table: dict[str, Any], errors: list[FieldError]) -> LegacyMap:
    legacy = LegacyMap(column=column, values={}, labels={})
    for value, sets in table.items():
        where = f"legacy.{column}.{value}"
        fields: dict[str, Source] = {}
        for name, raw in _table(sets, where, errors).items():
            if isinstance(raw, dict):
                if set(raw) != {"column"} or not isinstance(raw["column"], str):
                    errors.append(FieldError(f"{where}.{name}", 'a value, or { column = "…" }'))
                    continue
                fields[name] = FromColumn(raw["column"])
            else:
                fields[name] = _string(raw, f"{where}.{name}", errors)
        key = normal(value)
        if key in legacy.values:
            errors.append(FieldError(where, f"{value!r} is listed twice (case does not count)"))
        legacy.values[key] = fields
        legacy.labels[key] = value
    return legacy


def _table(raw: Any, where: str, errors: list[FieldError]) -> dict[str, Any]:
    if isinstance(raw, dict):
        return raw
    errors.append(FieldError(where, "must be a table ([section] or { key = value })"))
    return {}


def _string(raw: Any, where: str, errors: list[FieldError]) -> str:
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        errors.append(FieldError(where, f"must be a text value; got {raw!r}"))
        return ""
    return str(raw).strip()


def check_fields(mapping: Mapping, allowed: dict[str, str]) -> None:
    """Refuse a mapping that names a field the kind does not have (a typo would otherwise
    leave a column silently unread)."""
    errors: list[FieldError] = []
    names = ", ".join(allowed)
    for section, keys in (
        ("columns", mapping.columns),
        ("defaults", mapping.defaults),
        ("values", mapping.values),
    ):
        for key in keys:
            if key not in allowed:
                errors.append(FieldError(f"{section}.{key}", f"no field {key!r}; fields: {names}"))
    for legacy in mapping.legacy:
        for value, sets in legacy.values.items():
            for key in sets:
                if key not in allowed:
                    where = f"legacy.{legacy.column}.{legacy.labels[value]}.{key}"
                    errors.append(FieldError(where, f"no field {key!r}; fields: {names}"))
    if errors:
        raise ValidationFailed(
            f"{mapping.name} names fields this kind does not have: "
            + ", ".join(e.field for e in errors),
            errors=errors,
        )
