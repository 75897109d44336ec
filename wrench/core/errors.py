"""Errors a user can act on. Each says what was wrong and what is allowed (STYLE 6).

Services raise these; the API turns them into JSON with the matching HTTP status and
pages show them beside the field or the button.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    status_code = 400

    def __init__(self, detail: str, *, errors: Iterable[FieldError] = ()) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors)

    def as_dict(self) -> dict[str, object]:
        return {"detail": self.detail, "errors": [e.as_dict() for e in self.errors]}


class ValidationFailed(DomainError):
    """Input that breaks a rule: a wrong code value, a missing field, an unknown asset."""

    status_code = 400

    @classmethod
    def collect(cls, errors: list[FieldError], what: str = "the work order") -> ValidationFailed:
        fields = ", ".join(sorted({e.field for e in errors}))
        return cls(f"{what} was not saved: check {fields}", errors=errors)


class NotAllowed(DomainError):
    """The actor lacks the role (or site) the action needs."""

    status_code = 403


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    """The object's state forbids the action now (a forbidden transition, a closing too early)."""

    status_code = 409

    def __init__(
        self,
        detail: str,
        *,
        errors: Iterable[FieldError] = (),
        status: str = "",
        allowed: Iterable[str] = (),
    ) -> None:
        super().__init__(detail, errors=errors)
        self.status = status
        self.allowed = list(allowed)

    def as_dict(self) -> dict[str, object]:
        data = super().as_dict()
        data["status"] = self.status
        data["allowed"] = self.allowed
        return data
