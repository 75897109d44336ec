"""Work orders from a legacy file: a row → a checked work order at its legacy status.

A row's cells are gathered into Wrench fields by the mapping (column maps, value maps per
field, legacy value maps that set several fields, defaults), then checked by the work
order app's own validation (`drafts.validate`, the site's CodingBook: the API's rules)
and by what only an import has: its status, its dates and its legacy number. Every
problem names the row and the column it came from. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from wrench.accounts.models import User
from wrench.assets.models import Site
from wrench.coding.book import CodingBook
from wrench.coding.models import BUILTIN_KEYS
from wrench.core import clock
from wrench.core.errors import FieldError
from wrench.imports.cells import Cells
from wrench.imports.gather import Gatherer
from wrench.imports.mapping import FromColumn, Mapping
from wrench.imports.report import Problem, Report
from wrench.workorders.drafts import EDITABLE, Draft, Known, apply_effects, apply_priority, validate
from wrench.workorders.imported import IMPORTABLE, row_maker, set_requester
from wrench.workorders.models import WorkOrder
from wrench.workorders.status import Status

# The fields a work order row may give, beside the site's characteristics (by key).
FIELDS: dict[str, str] = {
    "legacy_number": "its number in the legacy system (required: the key of every later run)",
    "title": "short text (required)",
    "description": "long text (default: the title)",
    "status": f"one of {', '.join(IMPORTABLE)} (default WR)",
    "requested_at": "when it was raised (default: now)",
    "completed_at": "when it was physically complete (CO, CL)",
    "closed_at": "when it was closed (CL; for CA and RJ when it was cancelled or rejected)",
    "status_changed_at": "when it reached its status (default: closed, completed or requested)",
    "asset": "asset code at the site",
    "location": "text",
    "requester": "username (default: who imports)",
    "assigned_to": "username of a person at the site",
    "trade": "trade code (the resource)",
    "crew": "crew code",
    "needed_by": "date",
    "priority": "0–999",
    "consequence": "1–5",
    "probability": "1–5",
    "estimated_cost": "money",
    "estimated_hours": "hours",
    "approved_amount": "money (default: the estimated cost, for approved work)",
    "project_number": "account override (needed by funding M and C)",
    "findings": "what was found (completed work)",
    "legacy_labour_hours": "labour hours the legacy system recorded",
    "legacy_cost": "actual cost the legacy system recorded",
}
DATES = ("requested_at", "completed_at", "closed_at")
STATUS_DATE = "status_changed_at"
MONEY = {
    "approved_amount": Decimal("9999999999"),
    "legacy_cost": Decimal("9999999999"),
    "legacy_labour_hours": Decimal("9999999"),
}
APPROVED = (Status.BL, Status.PL, Status.RS, Status.IP, Status.CO, Status.CL)
FINISHED = (Status.CO, Status.CL)
_NUMBERS = ("estimated_cost", "estimated_hours", "priority", "consequence", "probability")


@dataclass
class Checked:
    """A row that passed every check: the work order to write and its extra coding."""

    row: int
    work_order: WorkOrder
    draft: Draft
    given: set[str]  # the characteristics the row itself gave


class WorkOrderRows:
    """Checks the rows of one file against one mapping, for one site, as `actor` imports."""

    kind = "work-orders"

    def __init__(
        self, *, site: Site, actor: User, mapping: Mapping, book: CodingBook, header: list[str]
    ) -> None:
        self.site, self.actor, self.mapping, self.book = site, actor, mapping, book
        self.cells = Cells(mapping)
        self.make = row_maker(site, actor)
        self.seen: dict[str, int] = {}  # legacy number → the row that first had it
        self.people: dict[str, User | None] = {}
        allowed = {**FIELDS, **dict.fromkeys(book.characteristics, "")}
        self.cells_of = Gatherer(mapping, allowed, header)
        self.reads = self.cells_of.reads
        self.missing_columns = self.cells_of.missing_columns

    def gather(
        self, number: int, row: dict[str, str], report: Report
    ) -> tuple[dict[str, str], dict[str, tuple[str, str]], list[Problem]]:
        return self.cells_of.gather(number, row, report)

    def check(
        self,
        number: int,
        gathered: tuple[dict[str, str], dict[str, tuple[str, str]], list[Problem]],
        report: Report,
        known: Known,
    ) -> Checked | None:
        """The row (as `gather` found it) as a work order ready to write, or None with its
        problems reported."""
        values, origin, problems = gathered
        if not values and problems:  # a malformed row, or every cell refused
            for problem in problems:
                report.add(problem)
            return None
        errors: list[FieldError] = []

        def where(name: str) -> tuple[str, str]:
            return origin.get(name, (self.column_for(name), values.get(name, "")))

        legacy_number = values.get("legacy_number", "")
        if not legacy_number:
            errors.append(FieldError("legacy_number", "a legacy number is required (the key)"))
        elif len(legacy_number) > 40:
            errors.append(FieldError("legacy_number", "at most 40 characters"))
        elif legacy_number in self.seen:
            errors.append(
                FieldError(
                    "legacy_number",
                    f"also in row {self.seen[legacy_number]}: each legacy number once per file",
                )
            )
        else:
            self.seen[legacy_number] = number
        status = values.get("status") or Status.WR
        if status not in IMPORTABLE:
            live = " (a live process: import it as WR, BL or RS)" if status in Status.values else ""
            errors.append(
                FieldError(
                    "status",
                    f"{status!r} cannot be imported{live}; allowed: " + ", ".join(IMPORTABLE),
                )
            )
        moments = self._dates(values, status, errors)
        data: dict[str, Any] = {k: values[k] for k in EDITABLE if k in values}
        for name in _NUMBERS:
            if name in data:
                try:
                    data[name] = self.cells.number(data[name])
                except ValueError as exc:
                    errors.append(FieldError(name, str(exc)))
                    del data[name]
        if "needed_by" in data:
            try:
                data["needed_by"] = self.cells.day(data["needed_by"])
            except ValueError as exc:
                errors.append(FieldError("needed_by", str(exc)))
                del data["needed_by"]
        data.setdefault("description", values.get("title", ""))
        codes = {key: values[key] for key in self.book.characteristics if key in values}
        draft = validate(
            site=self.site,
            data=data,
            codes=codes,
            book=self.book,
            current=None,
            errors=errors,
            known=known,
        )
        apply_priority(draft, self.site, None)
        wo = self.make(draft)
        apply_effects(wo, draft, errors)
        extras = self._extras(values, errors)
        requester = self._requester(values.get("requester", ""), errors)
        for problem in problems:
            report.add(problem)
        if errors or problems:
            for error in errors:
                column, raw = where(error.field)
                report.add(Problem(number, column, raw, error.message))
            return None
        if requester is not None:
            set_requester(wo, requester)
        wo.legacy_number = legacy_number
        wo.status = status
        wo.requested_at = moments.get("requested_at") or clock.now()
        wo.completed_at = moments.get("completed_at")
        wo.closed_at = moments.get("closed_at") if status == Status.CL else None
        wo.status_changed_at = (
            moments.get(STATUS_DATE)
            or moments.get("closed_at")
            or moments.get("completed_at")
            or wo.requested_at
        )
        wo.findings = values.get("findings", "")
        wo.legacy_labour_hours = extras.get("legacy_labour_hours")
        wo.legacy_cost = extras.get("legacy_cost")
        approved = extras.get("approved_amount")
        if approved is None and status in APPROVED:
            approved = wo.estimated_cost
        wo.approved_amount = approved
        return Checked(number, wo, draft, set(codes))

    def _dates(
        self, values: dict[str, str], status: str, errors: list[FieldError]
    ) -> dict[str, dt.datetime]:
        moments: dict[str, dt.datetime] = {}
        for name in (*DATES, STATUS_DATE):
            if values.get(name):
                try:
                    moments[name] = self.cells.moment(values[name])
                except ValueError as exc:
                    errors.append(FieldError(name, str(exc)))
        if status == Status.CL and "completed_at" not in moments and "closed_at" in moments:
            moments["completed_at"] = moments["closed_at"]
        now = clock.now()
        for name in DATES:
            if name in moments and moments[name] > now:
                what = "closed work" if name != "requested_at" else "a request"
                errors.append(
                    FieldError(
                        name,
                        f"a date in the future for {what}; at most today "
                        f"({now.date().isoformat()})",
                    )
                )
        needs = {Status.CO.value: "completed_at", Status.CL.value: "closed_at"}.get(status)
        if needs and needs not in moments and not any(e.field == needs for e in errors):
            errors.append(FieldError(needs, f"status {status} needs the date it was reached"))
        if status in IMPORTABLE and status not in FINISHED:
            ended = status in (Status.CA, Status.RJ)
            for name in ("completed_at",) if ended else ("completed_at", "closed_at"):
                if name in moments:
                    errors.append(
                        FieldError(name, f"work at status {status} has no {name}; leave it empty")
                    )
        order = [moments.get(n) for n in DATES]
        for (a, b), (x, y) in (
            (("requested_at", "completed_at"), (order[0], order[1])),
            (("completed_at", "closed_at"), (order[1], order[2])),
        ):
            if x is not None and y is not None and y < x:
                errors.append(FieldError(b, f"before {a} ({x.date().isoformat()})"))
        return moments

    def _extras(self, values: dict[str, str], errors: list[FieldError]) -> dict[str, Decimal]:
        extras: dict[str, Decimal] = {}
        for name, limit in MONEY.items():
            if values.get(name):
                try:
                    extras[name] = self.cells.decimal(values[name], limit=limit)
                except ValueError as exc:
                    errors.append(FieldError(name, str(exc)))
        if len(values.get("findings", "")) > 20000:
            errors.append(FieldError("findings", "at most 20000 characters"))
        return extras

    def _requester(self, username: str, errors: list[FieldError]) -> User | None:
        if not username:
            return None
        if username not in self.people:
            person = User.objects.filter(username=username).first()
            self.people[username] = (
                person if person is not None and self.site.pk in person.site_ids() else None
            )
        found = self.people[username]
        if found is None:
            errors.append(
                FieldError("requester", f"no person {username!r} at site {self.site.code}")
            )
        return found

    def column_for(self, name: str) -> str:
        """The column a person should look at for field `name`: the one mapped to it, or
        the one a legacy value map takes it from, or the legacy column that sets it."""
        if name in self.mapping.columns:
            return self.mapping.columns[name]
        setters = []
        for legacy in self.mapping.legacy:
            for sets in legacy.values.values():
                source = sets.get(name)
                if isinstance(source, FromColumn):
                    return source.column
                if source is not None:
                    setters.append(legacy.column)
        return setters[0] if setters else name

    def compared(self) -> tuple[str, ...]:
        """The columns a later run compares and updates: what this mapping can set."""
        given = self.mapping.fields_set() | {name for name, _ in self.reads}
        names = {"status", "completed_at", "closed_at", "approved_amount"}
        names |= {"emergency", "warranty_flag", "findings"}
        if given & {*DATES, STATUS_DATE}:  # else the status date is the time of each run
            names.add("status_changed_at")
        for name in given:
            if name in BUILTIN_KEYS or name in (
                "asset",
                "trade",
                "crew",
                "requester",
                "assigned_to",
            ):
                names.add(f"{name}_id")
            elif name in FIELDS and name != "legacy_number":
                names.add(name)
        if "consequence" in given or "probability" in given:
            names.add("priority")
        return tuple(sorted(names))
