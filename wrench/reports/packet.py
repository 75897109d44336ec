"""The work order packet: the printed job a technician takes to the field.

Description, coding with each value's definition, tasks, materials, safety notes and a
QR code that opens the work order.
"""

from __future__ import annotations

from typing import Any

import segno

from wrench.assets.models import Criticality
from wrench.coding.book import CodingBook
from wrench.reports import packet_parts
from wrench.workorders.coding import chosen_values
from wrench.workorders.models import WorkOrder

SHUTDOWN_TIMINGS = {"A", "M", "T"}


def safety_notes(wo: WorkOrder, chosen: dict[str, Any]) -> list[str]:
    """What the technician must know before starting, from the coding and the asset."""
    notes = list(packet_parts.safety_notes(wo))
    timing = chosen.get("timing")
    if timing is not None and timing.abbreviation in SHUTDOWN_TIMINGS:
        notes.append(
            f"Needs a shutdown ({timing.abbreviation} – {timing.value}): confirm isolation "
            "and lock-out with operations before starting."
        )
    reason = chosen.get("reason")
    if reason is not None and reason.abbreviation == "SA":
        notes.append("Safety work: follow the investigation's recommendations exactly.")
    if wo.asset is not None and wo.asset.criticality == Criticality.A:
        notes.append(f"{wo.asset.code} is critical equipment: {Criticality.A.label}.")
    notes.append("Isolate, lock out and test for zero energy before any work on equipment.")
    return notes


def context(wo: WorkOrder, url: str) -> dict[str, Any]:
    book = CodingBook.for_site(wo.site_id)
    chosen = chosen_values(wo, book)
    coding = [
        {
            "name": book.characteristics[key].name,
            "value": value,
        }
        for key, value in chosen.items()
    ]
    qr = segno.make(url, error="m")
    return {
        "wo": wo,
        "url": url,
        "coding": coding,
        "tasks": packet_parts.tasks(wo),
        "materials": packet_parts.materials(wo),
        "labour": packet_parts.labour(wo),
        "safety": safety_notes(wo, chosen),
        "files": packet_parts.attachments(wo),
        "qr_svg": qr.svg_inline(scale=3, dark="#000"),
    }
