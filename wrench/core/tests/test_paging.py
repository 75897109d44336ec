"""core.paging: cursors round-trip their values, and anything not made here is a 400."""

from __future__ import annotations

import base64
import datetime as dt
import json
from decimal import Decimal

import pytest

from wrench.core.errors import ValidationFailed
from wrench.core.paging import (
    MAX_LIMIT,
    Ordering,
    decode_cursor,
    encode_cursor,
    parse_limit,
    parse_offset,
)

ORDER = Ordering.of("-priority", "requested_at", "needed_by", "cost")


def test_the_ordering_ends_with_id_in_the_last_direction() -> None:
    assert Ordering.of("-priority").columns == (("priority", True), ("id", True))
    assert Ordering.of("code", "code").columns == (("code", False), ("id", False))
    assert Ordering.of().columns == (("id", False),)


def test_a_cursor_round_trips_dates_times_decimals_and_nulls() -> None:
    values = [3, dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC), None, Decimal("1.50"), 42]
    cursor = encode_cursor(ORDER, values)
    assert cursor.isascii() and "=" not in cursor and "/" not in cursor and "+" not in cursor
    assert decode_cursor(cursor, ORDER) == values
    values[2] = dt.date(2026, 3, 1)
    assert decode_cursor(encode_cursor(ORDER, values), ORDER)[2] == dt.date(2026, 3, 1)


def _refused(cursor: str, ordering: Ordering = ORDER) -> None:
    with pytest.raises(ValidationFailed) as got:
        decode_cursor(cursor, ordering)
    assert got.value.detail == "invalid cursor"
    assert [e.field for e in got.value.errors] == ["cursor"]


def test_a_cursor_not_made_here_or_for_another_order_is_refused() -> None:
    good = encode_cursor(ORDER, [1, None, None, None, 2])
    payload, signature = good.rsplit(".", 1)
    forged = base64.urlsafe_b64encode(
        json.dumps({"o": ORDER.key(), "v": [1, None, None, None, 999]}).encode()
    ).decode()
    for bad in [
        "WzEsMiwzXQ==",  # [1,2,3], the old unsigned cursor
        "WzEsMiwzXQ",
        "",
        "x" * 5000,
        "é",
        "\x00",
        good[:-1],
        good + "A",
        payload,
        f"{forged.rstrip('=')}.{signature}",
        f"{payload}.{signature[::-1]}",
    ]:
        _refused(bad)
    _refused(good, Ordering.of("priority", "requested_at", "needed_by", "cost"))
    _refused(good, Ordering.of("-priority"))


@pytest.mark.parametrize("raw", ["0", "-1", "501", "1.5", "abc", "١٢", "18446744073709551617"])
def test_a_limit_out_of_range_is_refused(raw: str) -> None:
    with pytest.raises(ValidationFailed) as got:
        parse_limit(raw)
    assert got.value.errors[0].field == "limit"


def test_limits_and_offsets_in_range_are_read() -> None:
    assert parse_limit(None) == 50 and parse_limit("", default=7) == 7
    assert parse_limit(str(MAX_LIMIT)) == MAX_LIMIT
    assert parse_offset(None) == 0 and parse_offset("100000") == 100_000
    for raw in ("100001", "18446744073709551617", "-1"):
        with pytest.raises(ValidationFailed):
            parse_offset(raw)
