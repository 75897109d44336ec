"""Writing work orders moved in from a legacy system at the status they already have.

An imported work order is history, not a live request: it is written at its final status
with one event "imported" (from nothing, or from its status before a corrected file) and
its field history, and no lifecycle effect runs (no approval routing, no stock issued, no
originator advised of a closing years ago). Validation is the API's (`drafts.validate`);
the caller (the imports app) checks what only an import has: the status, its dates and the
legacy number. The rows are written like a bulk create: numbered in one step, one
statement per table whatever their count.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from wrench.accounts.models import User
from wrench.assets.models import Site
from wrench.coding.models import BUILTIN_KEYS
from wrench.core import clock
from wrench.core.fastpath import (
    bare_instance,
    cache_related,
    insert_rows,
    mark_saved,
    update_one,
)
from wrench.workorders.drafts import Draft
from wrench.workorders.history import CHANGED, CREATED, write_history
from wrench.workorders.models import WorkOrder, WorkOrderCode, WorkOrderEvent
from wrench.workorders.services.create import bulk_row_maker, number_for, take_numbers
from wrench.workorders.status import Status
from wrench.workorders.writes import EVENT_COLUMNS, EVENT_COLUMNS_MORE
from wrench.workorders.writes import columns as _columns
from wrench.workorders.writes import insert_work_orders as _insert_work_orders

# Statuses a work order may be imported at. The others stand for a live process that an
# import cannot start: WA/WL wait for an approver the routing names, WM for material
# lines, SC for a place on a schedule. Import such work as WR or BL (or RS) instead.
IMPORTABLE = (
    Status.WR,
    Status.BL,
    Status.PL,
    Status.RS,
    Status.IP,
    Status.CO,
    Status.CL,
    Status.CA,
    Status.RJ,
)
IMPORTED = "imported"


def row_maker(site: Site, requester: User) -> Callable[[Draft], WorkOrder]:
    """New work orders of `site` from validated drafts, with the values the bulk create's
    rows get (`bulk_row_maker`), made without a model __init__ per row: for a file of 100,000
    rows the init (defaults and related-object setters for every field) was the largest
    cost after validation. Related objects are kept as ids, with the site, the requester,
    the asset and the coding also cached as objects (the effects read them)."""
    template = bulk_row_maker(WorkOrder(site=site, requester=requester))
    fields = WorkOrder._meta.concrete_fields
    sample = template(Draft(fields={}, codes={}, extra={}))
    base = {f.attname: sample.__dict__[f.attname] for f in fields}
    related = {f.name: f.attname for f in fields if f.is_relation}
    coded = [(key, f"{key}_id") for key in BUILTIN_KEYS]

    def make(draft: Draft) -> WorkOrder:
        values = base.copy()
        cache: dict[str, Any] = {"site": site, "requester": requester}
        for name, value in draft.fields.items():
            if name in related:
                values[related[name]] = value.pk if value is not None else None
                if value is not None:
                    cache[name] = value
            else:
                values[name] = value
        for key, attname in coded:
            code = draft.codes.get(key)
            values[attname] = code.pk if code is not None else None
            cache[key] = code
        return bare_instance(WorkOrder, values, cache)

    return make


def set_requester(wo: WorkOrder, person: User) -> None:
    cache_related(wo, "requester", person)


class Numbers:
    """The site's work order numbers for one import of many batches, inside its transaction.

    The site's counter row is updated twice, not once a batch: when the first batch is
    numbered (which locks the row until the import ends, as `take_numbers` does for one
    batch) and at `close`. Each UPDATE leaves a version of the row until the transaction
    ends, and at the commit every foreign-key check on the site (work orders, events, coding:
    three a row) walks those versions: with one UPDATE per batch of 1,000 the commit of
    100,000 rows grew with the square of the file."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.taken: int | None = None  # the counter as the first batch found it
        self.last = 0

    def take(self, count: int) -> int:
        """The last of `count` more numbers (as `take_numbers`)."""
        if self.taken is None:
            self.taken = self.last = take_numbers(self.site, 0)
        self.last += count
        return self.last

    def close(self) -> None:
        """Write the counter back (inside the import's transaction)."""
        if self.taken is not None and self.last != self.taken:
            Site.objects.filter(pk=self.site.pk).update(last_work_order_seq=self.last)


def insert_imported(
    *,
    site: Site,
    actor: User,
    orders: list[WorkOrder],
    extra: list[tuple[int, WorkOrderCode]],
    reason: str,
    numbers: Numbers | None = None,
) -> None:
    """Number and insert `orders` (status, dates and requester already set) with their
    history rows, one "imported" event each (to their status), and their extra coding
    (`extra`: index into `orders`, the code). One transaction; no signal is sent.
    `numbers`: the import's own numbering (`Numbers`, closed by the caller), else the site's
    counter is taken for this batch alone."""
    if not orders:
        return
    # No savepoint inside a caller's transaction: a failure there rolls back the whole file.
    with transaction.atomic(savepoint=False):
        last = numbers.take(len(orders)) if numbers else take_numbers(site, len(orders))
        first = last - len(orders) + 1
        now, saved_at = clock.now(), timezone.now()
        for offset, wo in enumerate(orders):
            wo.seq = first + offset
            wo.number = number_for(site, wo.seq)
            wo.created_at = wo.updated_at = saved_at
        _insert_work_orders(orders)
        ids = dict(
            WorkOrder.objects.filter(site=site, seq__gte=first, seq__lte=last).values_list(
                "seq", "id"
            )
        )
        for wo in orders:
            wo.pk = ids[wo.seq]
            mark_saved(wo)
        write_history(orders, user_id=actor.pk, at=now, kind=CREATED)
        insert_rows(
            WorkOrderEvent,
            (*EVENT_COLUMNS, *EVENT_COLUMNS_MORE),
            [(site.pk, wo.pk, "", wo.status, actor.pk, False, reason, now) for wo in orders],
        )
        if extra:
            codes = []
            for index, code in extra:
                code.work_order = orders[index]
                codes.append(code)
            bulk_create_with_history(codes, WorkOrderCode, default_user=actor, default_date=now)


def update_imported(
    wo: WorkOrder,
    *,
    actor: User,
    old_status: str,
    extra: dict[int, WorkOrderCode | None],
    reason: str,
) -> None:
    """Write the changed fields of `wo` (a locked, existing work order) with a history row,
    an "imported" event when its status changed, and its extra coding (`extra`:
    characteristic id → the new code, or None to remove it)."""
    now = clock.now()
    with transaction.atomic():
        wo.updated_at = timezone.now()
        update_one(wo, _columns())
        write_history([wo], user_id=actor.pk, at=now, kind=CHANGED)
        if wo.status != old_status:
            insert_rows(
                WorkOrderEvent,
                (*EVENT_COLUMNS, *EVENT_COLUMNS_MORE),
                [(wo.site_id, wo.pk, old_status, wo.status, actor.pk, False, reason, now)],
            )
        for characteristic_id, code in extra.items():
            WorkOrderCode.objects.filter(
                work_order=wo, characteristic_id=characteristic_id
            ).delete()
            if code is not None:
                code.work_order = wo
                code._history_user = actor  # type: ignore[attr-defined]
                code.save()


def builtin_columns() -> tuple[str, ...]:
    return tuple(f"{key}_id" for key in BUILTIN_KEYS)
