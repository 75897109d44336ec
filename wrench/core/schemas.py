"""Schemas every API router shares: the error shape and the responses it documents."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import ConfigDict, ModelWrapValidatorHandler, ValidationInfo, model_validator


class FieldErrorOut(Schema):
    field: str
    message: str


class RowErrorsOut(Schema):
    index: int
    errors: list[FieldErrorOut]


class ErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut] = []
    # 409: the work order's status and the statuses it may go to next.
    status: str | None = None
    allowed: list[str] | None = None
    # bulk create: every bad row with its errors
    rows: list[RowErrorsOut] | None = None


class StrictIn(Schema):
    """Request bodies reject fields they do not know (400), so a typo is never ignored."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(
        cls, values: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo
    ) -> Any:
        # Ninja's Schema validates a model that forbids extra fields twice, the second time
        # through a getter meant for ORM objects. A request body is plain JSON: once is
        # enough (a bulk request has up to 1,000 rows).
        return handler(values)


ERROR_CODES = (400, 401, 403, 404, 409)


def answers(ok: dict[int, Any], *errors: int) -> dict[int, Any]:
    """Response map of an operation: its success schemas plus the error codes it may give.

    Every operation may answer 400 (a parameter out of range, or input no text can keep: see
    core/hygiene.py, or a body that does not fit the schema) and 401 (no valid token or
    session). An operation that answers one of these with its own schema (the import's dry-run
    report is its 400) keeps it.
    """
    generic = dict.fromkeys(sorted({400, 401, *(errors or ERROR_CODES)}), ErrorOut)
    return {**generic, **ok}


def visible_site_ids(request: Any) -> set[int]:
    return set(request.auth.site_ids())
