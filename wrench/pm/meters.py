"""Meters on assets and their readings: the only way a reading is written.

A reading is refused, with the reason, when it goes backwards (unless declared a rollover
or a meter replacement), when it is older than the last one, in the future, or when it
jumps beyond what the meter can plausibly do (`max_per_day`, 24 for an hour meter). Each
reading adds its usage to the meter's running `total`, which meter plans count on, and
renews the meter's recent rate, which dates them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from wrench.accounts.models import User
from wrench.assets.models import Asset
from wrench.core import clock
from wrench.core.errors import FieldError, NotAllowed, ValidationFailed
from wrench.pm.models import Meter, MeterReading, ReadingKind
from wrench.pm.services import may_manage
from wrench.workorders.services import check_site

MAX_VALUE = Decimal("999999999999")
HOUR_UNITS = {"h", "hr", "hrs", "hour", "hours"}
RATE_WINDOW = dt.timedelta(days=30)
CLOCK_SLACK = dt.timedelta(minutes=5)  # a phone's clock a little ahead of the server's


def _num(value: Decimal) -> str:
    return f"{value.normalize():f}"


def create_meter(
    *,
    actor: User,
    asset: Asset,
    name: str,
    unit: str,
    max_per_day: Any = None,
    rollover_at: Any = None,
) -> Meter:
    """A meter on `asset`. An hour meter advances at most 24 h a day unless told otherwise."""
    may_manage(actor, asset.site_id)
    errors: list[FieldError] = []
    name, unit = (name or "").strip(), (unit or "").strip()
    if not name:
        errors.append(FieldError("name", "a meter needs a name, e.g. Running hours"))
    if not unit:
        errors.append(FieldError("unit", "a unit: h, km, cycles, t …"))
    limits = {}
    for field, raw in (("max_per_day", max_per_day), ("rollover_at", rollover_at)):
        limits[field] = _positive(errors, field, raw)
    if limits["max_per_day"] is None and unit.lower() in HOUR_UNITS:
        limits["max_per_day"] = Decimal(24)
    if Meter.objects.filter(asset=asset, name=name).exists():
        errors.append(FieldError("name", f"{asset.code} already has a meter {name!r}"))
    if errors:
        raise ValidationFailed.collect(errors, "the meter")
    return Meter.objects.create(site_id=asset.site_id, asset=asset, name=name, unit=unit, **limits)


def _positive(errors: list[FieldError], field: str, raw: Any) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or not 0 < value <= MAX_VALUE:
        errors.append(FieldError(field, f"above 0, at most {MAX_VALUE}; got {raw!r}"))
        return None
    return value.quantize(Decimal("0.01"))


def _value(errors: list[FieldError], raw: Any) -> Decimal | None:
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        value = Decimal(-1)
    if isinstance(raw, bool) or not value.is_finite() or not 0 <= value <= MAX_VALUE:
        errors.append(FieldError("value", f"what the meter shows: 0 to {MAX_VALUE}; got {raw!r}"))
        return None
    return value.quantize(Decimal("0.01"))


def record_reading(
    meter: Meter,
    *,
    actor: User,
    value: Any,
    at: dt.datetime | None = None,
    kind: str = ReadingKind.READING,
    note: str = "",
) -> MeterReading:
    """Record what the meter shows (see the module doc for what is refused and why)."""
    check_site(actor, meter.site_id)
    if not actor.has_perm("pm.record_reading"):
        raise NotAllowed(f"recording meter readings needs a role; you are {actor.role_label}")
    errors: list[FieldError] = []
    reading = _value(errors, value)
    if kind not in ReadingKind.values:
        errors.append(FieldError("kind", f"allowed: {', '.join(ReadingKind.values)}"))
    now = clock.now()
    at = at or now
    if at > now + CLOCK_SLACK:
        errors.append(
            FieldError("at", f"a reading cannot be in the future (now {now:%Y-%m-%d %H:%M})")
        )
    if errors or reading is None:
        raise (
            _refuse(errors[0].message, errors[0].field)
            if len(errors) == 1
            else (ValidationFailed.collect(errors, "the reading"))
        )
    with transaction.atomic():
        locked = Meter.objects.select_for_update().get(pk=meter.pk)
        delta = _usage(locked, reading, at, kind)
        total = locked.total + delta
        row = MeterReading.objects.create(
            site_id=locked.site_id,
            meter=locked,
            value=reading,
            at=at,
            kind=kind,
            delta=delta,
            total=total,
            entered_by=actor,
            note=(note or "")[:200],
        )
        locked.last_value, locked.last_at, locked.total = reading, at, total
        locked.rate_per_day = _rate(locked, at, total)
        locked.save(update_fields=["last_value", "last_at", "total", "rate_per_day"])
    meter.last_value, meter.last_at, meter.total = locked.last_value, locked.last_at, locked.total
    meter.rate_per_day = locked.rate_per_day
    return row


def _refuse(message: str, field: str = "value") -> ValidationFailed:
    return ValidationFailed(
        f"the reading was not saved: {message}", errors=[FieldError(field, message)]
    )


def _usage(meter: Meter, value: Decimal, at: dt.datetime, kind: str) -> Decimal:
    """The usage since the last reading, or the refusal saying why the reading is wrong."""
    unit = meter.unit
    if meter.last_value is None or meter.last_at is None:
        return Decimal(0)  # the first reading: the meter's total counts from here
    if at <= meter.last_at:
        raise _refuse(
            f"readings go in time order; the last one is {_num(meter.last_value)} {unit} at "
            f"{meter.last_at:%Y-%m-%d %H:%M}",
            "at",
        )
    last = meter.last_value
    if kind == ReadingKind.REPLACEMENT:
        return Decimal(0)  # a new meter: counting starts again from what it shows
    if kind == ReadingKind.ROLLOVER:
        if value >= last:
            raise _refuse(
                f"{_num(value)} {unit} is not below the last reading {_num(last)}: that is not a "
                "rollover; enter it as a plain reading"
            )
        if meter.rollover_at is None:
            raise _refuse(
                "this meter has no rollover point set; set it on the meter, or declare a "
                "replacement"
            )
        delta = meter.rollover_at - last + value
    elif value < last:
        raise _refuse(
            f"{_num(value)} {unit} is below the last reading {_num(last)} {unit} "
            f"({meter.last_at:%Y-%m-%d %H:%M}); a meter only goes forward. If it rolled over or "
            "was replaced, declare it (kind rollover or replacement)"
        )
    else:
        delta = value - last
    if meter.max_per_day:
        days = max((at - meter.last_at).total_seconds() / 86400, 1 / 24)
        allowed = meter.max_per_day * Decimal(str(days))
        if delta > allowed:
            per_day = delta / Decimal(str(days))
            raise _refuse(
                f"a jump of {_num(delta)} {unit} in {days:.2f} days is {per_day:.1f} {unit}/day; "
                f"this meter advances at most {_num(meter.max_per_day)} {unit}/day. Check the "
                "reading, or declare a meter replacement"
            )
    return delta


def _rate(meter: Meter, at: dt.datetime, total: Decimal) -> Decimal | None:
    """Usage per day over the last 30 days of readings (None until they span a day)."""
    oldest = (
        MeterReading.objects.filter(meter=meter, at__gte=at - RATE_WINDOW)
        .order_by("at", "id")
        .values_list("at", "total")
        .first()
    )
    if oldest is None:
        return meter.rate_per_day
    days = (at - oldest[0]).total_seconds() / 86400
    if days < 1:
        return meter.rate_per_day
    return ((total - oldest[1]) / Decimal(str(days))).quantize(Decimal("0.001"))
