"""Turning a legacy cell's text into a date, a time or a number, the way the mapping says.

Each parser returns the value or raises ValueError with the sentence a person needs (what
was found, what is allowed). Results are kept per distinct text: a legacy export repeats
its dates thousands of times.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from wrench.imports.mapping import Mapping


class Cells:
    """Parsers for one mapping's formats (dates, decimal comma), with their results kept."""

    def __init__(self, mapping: Mapping) -> None:
        self.date_format = mapping.date_format
        self.decimal_comma = mapping.decimal_comma
        self.zone = timezone.get_default_timezone()
        self._moments: dict[str, dt.datetime] = {}
        self._days: dict[str, dt.date] = {}

    @property
    def date_hint(self) -> str:
        return f"a date as {self.date_format}" if self.date_format else "a date as YYYY-MM-DD"

    def moment(self, text: str) -> dt.datetime:
        """A date, or a date and time, as an aware datetime (naive ones in the plant's zone)."""
        found = self._moments.get(text)
        if found is None:
            value = self._parse(text)
            if timezone.is_naive(value):
                value = timezone.make_aware(value, self.zone)
            found = self._moments[text] = value
        return found

    def day(self, text: str) -> dt.date:
        found = self._days.get(text)
        if found is None:
            found = self._days[text] = self._parse(text).date()
        return found

    def _parse(self, text: str) -> dt.datetime:
        if self.date_format:
            for fmt in (
                self.date_format,
                f"{self.date_format} %H:%M",
                f"{self.date_format} %H:%M:%S",
            ):
                try:
                    return dt.datetime.strptime(text, fmt)
                except ValueError:
                    continue
        else:
            try:
                return dt.datetime.fromisoformat(text)
            except ValueError:
                pass
        raise ValueError(f"not {self.date_hint} (a time HH:MM may follow)")

    def number(self, text: str) -> str:
        """A number as Wrench reads it ("1.234,50" with decimal_comma → "1234.50")."""
        cleaned = text.replace(" ", "").replace("\u00a0", "")
        if self.decimal_comma:
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
        try:
            Decimal(cleaned)
        except InvalidOperation:
            raise ValueError("not a number") from None
        return cleaned

    def decimal(self, text: str, *, limit: Decimal) -> Decimal:
        value = Decimal(self.number(text))
        if not value.is_finite() or value < 0 or value > limit:
            raise ValueError(f"a number from 0 to {limit}")
        return value.quantize(Decimal("0.01"))
