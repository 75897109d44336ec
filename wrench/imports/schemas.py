"""API schemas of imports: the report, the same as the command prints and the page shows."""

from __future__ import annotations

from ninja import Schema

from wrench.core.schemas import FieldErrorOut


class ProblemOut(Schema):
    row: int
    column: str
    value: str
    allowed: str


class UnmappedOut(Schema):
    column: str
    value: str
    count: int


class CodingHealthOut(Schema):
    characteristic: str
    name: str
    coded: int
    by_default: int
    share: float
    values: dict[str, int]
    never_used: list[str]


class ReportOut(Schema):
    """What an import found and did. A 400 answer that is not a report (a mapping that is
    not valid, an unknown kind) has only `detail` and `errors`."""

    detail: str
    errors: list[FieldErrorOut] = []
    kind: str = ""
    file: str = ""
    mapping: str = ""
    site: str = ""
    dry_run: bool = True
    clean: bool = False
    written: bool = False
    refused: str = ""
    format: str = ""
    encoding: str = ""
    delimiter: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problem_count: int = 0
    problems: list[ProblemOut] = []
    unmapped: list[UnmappedOut] = []
    coding_health: list[CodingHealthOut] = []
