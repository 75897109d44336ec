"""Planning details of a work order for the packet (tasks, materials, labour)."""

from __future__ import annotations

import base64
from typing import Any

from wrench.materials.models import LineKind, MaterialLine
from wrench.planning.models import LabourEstimate, WorkTask
from wrench.workorders.attachments import Attachment
from wrench.workorders.models import WorkOrder

PHOTOS_IN_PACKET = 12


def tasks(wo: WorkOrder) -> list[str]:
    return list(WorkTask.objects.filter(work_order=wo).values_list("text", flat=True))


def materials(wo: WorkOrder) -> list[dict[str, Any]]:
    out = []
    for line in MaterialLine.objects.filter(work_order=wo).select_related("storeroom"):
        if line.kind == LineKind.DIRECT:
            where = "direct purchase"
            state = "received" if line.received >= line.quantity else f"{line.received} received"
        else:
            where = f"storeroom {line.storeroom.code if line.storeroom else '?'}"
            state = "released" if line.released else "reserved"
        out.append(
            {
                "description": line.description,
                "quantity": line.quantity.normalize(),
                "unit": line.unit,
                "where": where,
                "state": state,
            }
        )
    return out


def labour(wo: WorkOrder) -> list[dict[str, Any]]:
    rows = [
        {"trade": e.trade.name, "people": e.people, "hours": e.hours_each}
        for e in LabourEstimate.objects.filter(work_order=wo).select_related("trade")
    ]
    if not rows and (wo.trade_id or wo.estimated_hours):
        rows = [
            {"trade": wo.trade.name if wo.trade else "", "people": "", "hours": wo.estimated_hours}
        ]
    return rows


def safety_notes(wo: WorkOrder) -> list[str]:
    return []


def attachments(wo: WorkOrder) -> dict[str, list[dict[str, str]]]:
    """The work order's photos as embedded thumbnails (from any storage: the PDF needs no
    URL it could not fetch) and the names of its documents."""
    photos: list[dict[str, str]] = []
    documents: list[dict[str, str]] = []
    for row in Attachment.objects.present().filter(work_order=wo).order_by("uploaded_at", "id"):
        if row.thumbnail and len(photos) < PHOTOS_IN_PACKET:
            with row.thumbnail.open("rb") as f:
                data = base64.b64encode(f.read()).decode()
            photos.append({"name": row.name, "src": f"data:image/jpeg;base64,{data}"})
        elif not row.is_image:
            documents.append({"name": row.name})
    return {"photos": photos, "documents": documents}
