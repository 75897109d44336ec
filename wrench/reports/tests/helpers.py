"""Hand-made plant histories for the KPI tests: real services at fixed times."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from wrench.core import clock
from wrench.labor.services import charge_time
from wrench.testing import factories
from wrench.workorders.services import transition

UTC = dt.UTC


def at(day: str, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=UTC)


def raised(
    site: Any,
    people: dict[str, Any],
    when: dt.datetime,
    *,
    urgency: str = "#",
    codes: dict[str, str] | None = None,
    **fields: Any,
) -> Any:
    """A request raised at `when` by the requester, fully coded, with `urgency`."""
    fields.setdefault("trade", "MECH")
    with clock.travel_to(when):
        return factories.work_order(
            site, people["requester"], codes={"urgency": urgency, **(codes or {})}, **fields
        )


def made_ready(wo: Any, people: dict[str, Any], when: dt.datetime) -> Any:
    """Supervisor approves within limit (BL), planner releases it (RS): planned work."""
    with clock.travel_to(when):
        wo = transition(wo, "BL", actor=people["supervisor"])
        return transition(wo, "RS", actor=people["planner"])


def charged(wo: Any, people: dict[str, Any], day: str, hours: str) -> None:
    """The technician charges `hours` on `day` (entered that evening)."""
    with clock.travel_to(at(day, 18)):
        charge_time(wo, actor=people["technician"], hours=hours, date=day, trade=wo.trade)


def completed(wo: Any, people: dict[str, Any], when: dt.datetime) -> Any:
    with clock.travel_to(when):
        return transition(wo, "CO", actor=people["technician"], findings="Replaced; tested.")


def hours(value: Any) -> Decimal:
    return Decimal(str(value))
