"""Checking a work order's fields and coding before anything is written.

`validate()` turns what a caller sent into a `Draft` (typed values, the chosen coding) and
collects every problem as a FieldError; `apply_priority()` and `apply_effects()` add what
follows from the values. The services (create, bulk create, update) call these in one
transaction and write nothing when an error was collected. Nothing here changes state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from wrench.accounts.models import User
from wrench.assets.models import Asset, Crew, Site, Trade
from wrench.coding.book import CodingBook
from wrench.coding.models import BUILTIN_KEYS, CodeValue, EffectKey, Requirement
from wrench.core.errors import FieldError, ValidationFailed
from wrench.core.fastpath import Prepared
from wrench.workorders.coding import chosen_values, has_effect
from wrench.workorders.models import WorkOrder

# Fields a PATCH may change. Status is never among them: it moves only by transition().
EDITABLE = (
    "title",
    "description",
    "asset",
    "location",
    "needed_by",
    "priority",
    "consequence",
    "probability",
    "estimated_cost",
    "estimated_hours",
    "project_number",
    "trade",
    "crew",
    "assigned_to",
)
# What a requester may still change on their own request while it waits for review.
REQUESTER_EDITABLE = ("title", "description", "location", "needed_by", "asset")
# The site objects a row names by code (people by username), looked up by these models.
LOOKED_UP: tuple[tuple[str, type[Any]], ...] = (("asset", Asset), ("trade", Trade), ("crew", Crew))

# Objects already read for many rows: field → code (username) → object. A code missing
# from a field's map is unknown; a field missing from Known is looked up row by row.
Known = dict[str, dict[str, Any]]


@dataclass
class Draft:
    """Validated values for a work order, gathered before anything is written."""

    fields: dict[str, Any]
    codes: dict[str, CodeValue | None]
    extra: dict[str, CodeValue]


class RowsInvalid(ValidationFailed):
    """Some rows are not valid; `rows` lists each bad row's index and its errors."""

    def __init__(self, rows: dict[int, list[FieldError]]) -> None:
        errors = [
            FieldError(f"rows.{i}.{e.field}", e.message) for i, es in rows.items() for e in es
        ]
        super().__init__(
            f"nothing was created: {len(rows)} row(s) are not valid "
            f"(rows {', '.join(str(i) for i in sorted(rows))})",
            errors=errors,
        )
        self.rows = rows

    def as_dict(self) -> dict[str, object]:
        data = super().as_dict()
        data["rows"] = [
            {"index": i, "errors": [e.as_dict() for e in es]} for i, es in sorted(self.rows.items())
        ]
        return data


def prefetch(site: Site, rows: list[dict[str, Any]]) -> Known:
    """Everything `rows` name by code, in one query per kind instead of one per row."""
    known: Known = {}
    for name, model in LOOKED_UP:
        wanted = {str(r[name]) for r in rows if r.get(name) not in (None, "")}
        found = model.objects.filter(site=site, code__in=wanted) if wanted else []
        known[name] = {obj.code: obj for obj in found}
    usernames = {str(r["assigned_to"]) for r in rows if r.get("assigned_to") not in (None, "")}
    people = (
        {u.username: u for u in User.objects.filter(username__in=usernames)} if usernames else {}
    )
    memberships = User.sites.through.objects.filter(user__in=people.values())
    site_ids: dict[int, set[int]] = {u.pk: set() for u in people.values()}
    for user_id, site_id in memberships.values_list("user_id", "site_id") if people else []:
        site_ids[user_id].add(site_id)
    for person in people.values():
        if not person.is_superuser:  # a superuser's sites are all sites: site_ids() reads them
            person._site_ids = site_ids[person.pk]
    known["assigned_to"] = people
    return known


def _decimal(field: str, raw: Any, errors: list[FieldError], *, limit: Decimal) -> Decimal | None:
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        errors.append(FieldError(field, f"{raw!r} is not a number"))
        return None
    if not value.is_finite() or value < 0 or value > limit:
        errors.append(FieldError(field, f"must be between 0 and {limit}; got {raw}"))
        return None
    return value.quantize(Decimal("0.01"))


def _one_to_five(field: str, raw: Any, errors: list[FieldError]) -> int | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | str) or not str(raw).isdigit():
        errors.append(FieldError(field, f"{raw!r} is not a whole number from 1 to 5"))
        return None
    if not 1 <= int(raw) <= 5:
        errors.append(FieldError(field, f"must be from 1 to 5; got {raw}"))
        return None
    return int(raw)


def _lookup(
    model: type[Any],
    site: Site,
    field: str,
    raw: Any,
    errors: list[FieldError],
    known: Known | None,
) -> Any:
    """Find a site object by code (or take it as given); unknown → an error naming it."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, model):
        found = raw if raw.site_id == site.pk else None
    elif known is not None and field in known:
        found = known[field].get(str(raw))
    else:  # one per code at a site
        found = next(iter(_by_code(model).rows(site.pk, str(raw))), None)
    if found is None:
        errors.append(FieldError(field, f"no {field} {raw!r} at site {site.code}"))
    return found


_BY_CODE: dict[type[Any], Prepared[Any]] = {}


def _by_code(model: type[Any]) -> Prepared[Any]:
    """The site's row of `model` with a code: one per create, so compiled once."""
    if model not in _BY_CODE:
        _BY_CODE[model] = Prepared(
            "is",
            lambda site_id, code: model.objects.filter(site_id=site_id, code=code).order_by()[:1],
        )
    return _BY_CODE[model]


def _person(site: Site, raw: Any, errors: list[FieldError], known: Known | None) -> User | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, User):
        person: User | None = raw
    elif known is not None and "assigned_to" in known:
        person = known["assigned_to"].get(str(raw))
    else:
        person = User.objects.filter(username=raw).first()
    if person is None or site.pk not in person.site_ids():
        errors.append(FieldError("assigned_to", f"no person {raw!r} at site {site.code}"))
    return person


def validate(
    *,
    site: Site,
    data: dict[str, Any],
    codes: dict[str, Any],
    book: CodingBook,
    current: WorkOrder | None,
    errors: list[FieldError],
    known: Known | None = None,
) -> Draft:
    """Check `data` (EDITABLE fields) and `codes` for a new work order (`current` None) or
    a change of `current`; every problem is appended to `errors`."""
    fields: dict[str, Any] = {}
    for text_field in ("title", "description"):
        if text_field in data or current is None:
            text = str(data.get(text_field) or "").strip()
            if not text:
                errors.append(FieldError(text_field, f"a {text_field} is required"))
            limit = 200 if text_field == "title" else 20000
            if len(text) > limit:
                errors.append(FieldError(text_field, f"at most {limit} characters"))
            fields[text_field] = text
    for text_field, limit in (("location", 200), ("project_number", 40)):
        if text_field in data:
            text = str(data[text_field] or "").strip()
            if len(text) > limit:
                errors.append(FieldError(text_field, f"at most {limit} characters"))
            fields[text_field] = text
    if "asset" in data:
        asset = _lookup(Asset, site, "asset", data["asset"], errors, known)
        if asset is not None and not asset.active:
            errors.append(FieldError("asset", f"asset {asset.code} is inactive"))
        fields["asset"] = asset
    for name, model in (("trade", Trade), ("crew", Crew)):
        if name in data:
            fields[name] = _lookup(model, site, name, data[name], errors, known)
    if "assigned_to" in data:
        fields["assigned_to"] = _person(site, data["assigned_to"], errors, known)
    if "needed_by" in data:
        raw = data["needed_by"]
        if raw in (None, ""):
            fields["needed_by"] = None
        elif isinstance(raw, dt.date):
            fields["needed_by"] = raw
        else:
            try:
                fields["needed_by"] = dt.date.fromisoformat(str(raw))
            except ValueError:
                errors.append(FieldError("needed_by", f"{raw!r} is not a date (YYYY-MM-DD)"))
    for money, ceiling in (
        ("estimated_cost", Decimal("9999999999")),
        ("estimated_hours", Decimal("9999999")),
    ):
        if money in data and data[money] not in (None, ""):
            fields[money] = _decimal(money, data[money], errors, limit=ceiling)
    for scale in ("consequence", "probability"):
        if scale in data:
            fields[scale] = _one_to_five(scale, data[scale], errors)
    if "priority" in data and data["priority"] not in (None, ""):
        raw = data["priority"]
        if isinstance(raw, bool) or not str(raw).isdigit() or int(raw) > 999:
            errors.append(FieldError("priority", f"{raw!r}: a whole number from 0 to 999"))
        else:
            fields["priority"] = int(raw)

    chosen = chosen_values(current, book) if current else dict.fromkeys(book.characteristics)
    extra: dict[str, CodeValue] = {}
    for key, raw in codes.items():
        if raw in (None, ""):
            if current is not None and chosen.get(key) is not None:
                chosen[key] = None  # un-coding is allowed while not required
            continue
        value = book.resolve(key, raw.abbreviation if isinstance(raw, CodeValue) else str(raw))
        if isinstance(value, FieldError):
            errors.append(value)
            continue
        chosen[key] = value
        if key not in BUILTIN_KEYS:
            extra[key] = value
    if current is None:
        for key in book.characteristics:
            if chosen.get(key) is None:
                chosen[key] = book.default_value(key)
    for error in book.missing(chosen, Requirement.ON_REQUEST):
        if not any(e.field == error.field for e in errors):
            errors.append(error)
    return Draft(fields=fields, codes=chosen, extra=extra)


def apply_priority(draft: Draft, site: Site, current: WorkOrder | None) -> None:
    """The priority from the site's risk matrix, unless the caller set one."""
    consequence = draft.fields.get("consequence", current.consequence if current else None)
    probability = draft.fields.get("probability", current.probability if current else None)
    if consequence and probability and "priority" not in draft.fields:
        draft.fields["priority"] = int(site.priority_matrix[consequence - 1][probability - 1])


def apply_effects(wo: WorkOrder, draft: Draft, errors: list[FieldError]) -> None:
    """The process effects of the chosen values that the system carries out itself."""
    codes = draft.codes
    wo.emergency = has_effect(codes, EffectKey.EMERGENCY_REPORT)
    asset_warranty = wo.asset is not None and wo.asset.under_warranty()
    wo.warranty_flag = has_effect(codes, EffectKey.FLAG_WARRANTY) or asset_warranty
    if has_effect(codes, EffectKey.REQUIRE_PROJECT_NUMBER) and not wo.project_number:
        funding = next(v for v in codes.values() if v and v.has_effect("require_project_number"))
        errors.append(
            FieldError(
                "project_number",
                f"funding {funding.abbreviation} ({funding.value}) needs a project number "
                "(account override)",
            )
        )
