"""Create many work orders at once: every row is checked first, then all are written or none."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from simple_history.utils import bulk_create_with_history

from wrench.accounts.models import User
from wrench.assets.models import Asset, Crew, Site, Trade
from wrench.coding.book import CodingBook
from wrench.coding.models import BUILTIN_KEYS
from wrench.core import clock
from wrench.core.errors import FieldError, NotAllowed, ValidationFailed
from wrench.workorders.models import WorkOrder, WorkOrderCode, WorkOrderEvent
from wrench.workorders.services import (
    EDITABLE,
    _apply_effects,
    _apply_priority,
    _validate,
    check_site,
)
from wrench.workorders.signals import work_order_created
from wrench.workorders.status import Status

MAX_ROWS = 1000


class RowsInvalid(ValidationFailed):
    """Some rows are not valid; `rows` lists each bad row's index and its errors."""

    def __init__(self, rows: dict[int, list[FieldError]]) -> None:
        errors = [
            FieldError(f"rows.{i}.{e.field}", e.message) for i, es in rows.items() for e in es
        ]
        super().__init__(
            f"nothing was created: {len(rows)} row(s) are not valid "
            f"(rows {', '.join(str(i) for i in sorted(rows))})",
            errors=errors,
        )
        self.rows = rows

    def as_dict(self) -> dict[str, object]:
        data = super().as_dict()
        data["rows"] = [
            {"index": i, "errors": [e.as_dict() for e in es]} for i, es in sorted(self.rows.items())
        ]
        return data


def _prefetch(site: Site, rows: list[dict[str, Any]]) -> None:
    """Swap codes for the objects themselves: one query per kind, not one per row."""
    for name, model in (("asset", Asset), ("trade", Trade), ("crew", Crew)):
        wanted = {str(r[name]) for r in rows if r.get(name) not in (None, "")}
        if not wanted:
            continue
        found = {obj.code: obj for obj in model.objects.filter(site=site, code__in=wanted)}
        for row in rows:
            obj = found.get(str(row.get(name)))
            if obj is not None:
                row[name] = obj


def create_work_orders(
    *, actor: User, site: Site, rows: list[tuple[dict[str, Any], dict[str, Any]]]
) -> list[WorkOrder]:
    """Enter up to 1000 requests (fields, codes) in one transaction, numbered in row order.

    Each row follows the rules of `create_work_order`. If any row is not valid, nothing is
    written and RowsInvalid lists every bad row with its errors.
    """
    if not 1 <= len(rows) <= MAX_ROWS:
        raise ValidationFailed(
            f"send from 1 to {MAX_ROWS} rows; got {len(rows)}",
            errors=[FieldError("rows", f"from 1 to {MAX_ROWS} rows")],
        )
    check_site(actor, site.pk)
    if not actor.has_perm("workorders.request_work"):
        raise NotAllowed(
            f"raising requests needs the request_work permission; you are {actor.role_label}"
        )
    book = CodingBook.for_site(site.pk)
    fields_list = [dict(f) for f, _ in rows]
    _prefetch(site, fields_list)
    bad: dict[int, list[FieldError]] = {}
    drafts = []
    for index, (data, (_, codes)) in enumerate(zip(fields_list, rows, strict=True)):
        errors: list[FieldError] = []
        unknown = sorted(set(data) - set(EDITABLE))
        for name in unknown:
            errors.append(FieldError(name, f"unknown field; allowed: {', '.join(EDITABLE)}"))
        data = {k: v for k, v in data.items() if k in EDITABLE}
        draft = _validate(site=site, data=data, codes=codes, book=book, current=None, errors=errors)
        _apply_priority(draft, site, None)
        wo = WorkOrder(site=site, requester=actor, **draft.fields)
        for key in BUILTIN_KEYS:
            setattr(wo, key, draft.codes.get(key))
        _apply_effects(wo, draft, errors)
        if errors:
            bad[index] = errors
        drafts.append((wo, draft))
    if bad:
        raise RowsInvalid(bad)
    now = clock.now()
    with transaction.atomic():
        # Take the numbers as one block: the row lock serialises concurrent creators.
        Site.objects.filter(pk=site.pk).update(
            last_work_order_seq=F("last_work_order_seq") + len(drafts)
        )
        last = Site.objects.filter(pk=site.pk).values_list("last_work_order_seq", flat=True).get()
        first = last - len(drafts) + 1
        orders = []
        for offset, (wo, _) in enumerate(drafts):
            wo.seq = first + offset
            wo.number = f"{site.code.upper()}-{wo.seq:06d}"
            wo.requested_at = wo.status_changed_at = now
            orders.append(wo)
        orders = bulk_create_with_history(orders, WorkOrder, default_user=actor, default_date=now)
        # bulk_create_with_history may not return pks on every database: read them back.
        ids = dict(
            WorkOrder.objects.filter(site=site, seq__gte=first, seq__lte=last).values_list(
                "seq", "id"
            )
        )
        for wo in orders:
            wo.pk = wo.id = ids[wo.seq]
        WorkOrderEvent.objects.bulk_create(
            WorkOrderEvent(
                site=site,
                work_order=wo,
                from_status="",
                to_status=Status.WR,
                actor=actor,
                reason="request entered",
                at=now,
            )
            for wo in orders
        )
        WorkOrderCode.objects.bulk_create(
            WorkOrderCode(work_order=wo, characteristic=book.characteristics[key], value=value)
            for wo, (_, draft) in zip(orders, drafts, strict=True)
            for key, value in draft.extra.items()
        )
        for wo in orders:
            work_order_created.send(sender=WorkOrder, work_order=wo, actor=actor)
    return orders
