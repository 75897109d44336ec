"""Every change to materials: lines on work orders, requisitions, approval, receipts, counts.

Each function is keyword-only with an explicit actor and runs in one transaction; rows that
change are locked (stock level, requisition line, work order) so concurrent receipts and
reservations add up. The automatic moves (BL → PL, PL → WM, WM → RS) happen inside the
same transaction as their cause and name it in the event's reason.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Sum

from wrench.accounts.models import User
from wrench.core import clock
from wrench.core.errors import Conflict, FieldError, NotAllowed, NotFound, ValidationFailed
from wrench.materials.models import (
    LineKind,
    MaterialLine,
    Receipt,
    Requisition,
    RequisitionLine,
    RequisitionStatus,
    StockItem,
    StockLevel,
    Storeroom,
)
from wrench.materials.readiness import follow_material
from wrench.workorders.coding import has_effect
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import SYSTEM, check_site, transition
from wrench.workorders.status import Status

MAX_QUANTITY = Decimal("100000")
MAX_UNIT_COST = Decimal("10000000")
# Material can be planned until the work is ready; after that it is an issue from stores.
PLANNABLE = (Status.WR, Status.WA, Status.BL, Status.PL, Status.WL, Status.WM)
APPROVED = (Status.BL, Status.PL, Status.WL, Status.WM, Status.RS, Status.SC, Status.IP)


def parse_amount(field: str, raw: Any, *, limit: Decimal, positive: bool = True) -> Decimal:
    """A decimal in (0, limit] (or [0, limit]); anything else is a ValidationFailed naming it."""
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        value = Decimal("NaN")
    finite = value.is_finite()
    low_ok = finite and (value > 0 if positive else value >= 0)
    if not finite or not low_ok or value > limit:
        low = "above 0" if positive else "0 or more"
        raise ValidationFailed(
            f"{field} {raw!r} is not allowed",
            errors=[FieldError(field, f"must be {low} and at most {limit}; got {raw}")],
        )
    return value


def _n(quantity: Decimal) -> str:
    """3.000 → "3", 2.500 → "2.5": quantities as people write them."""
    return f"{quantity.normalize():f}"


def _need(actor: User, perm: str, what: str) -> None:
    if not actor.has_perm(perm):
        raise NotAllowed(f"{what} needs the planner role; you are {actor.role_label}")


def _lock_work_order(work_order: WorkOrder, allowed: tuple[str, ...], what: str) -> WorkOrder:
    wo = WorkOrder.objects.locked(work_order.pk)
    if wo.status not in allowed:
        raise Conflict(
            f"{wo.number} is {wo.status} ({wo.get_status_display()}); {what} is allowed in "
            f"{', '.join(allowed)}",
            status=wo.status,
        )
    return wo


def _level(stock_item: StockItem, storeroom: Storeroom) -> StockLevel:
    StockLevel.objects.get_or_create(
        stock_item=stock_item, storeroom=storeroom, defaults={"site_id": stock_item.site_id}
    )
    return StockLevel.objects.select_for_update().get(stock_item=stock_item, storeroom=storeroom)


def add_material(
    work_order: WorkOrder,
    *,
    actor: User,
    quantity: Any,
    stock_item: StockItem | None = None,
    storeroom: Storeroom | None = None,
    description: str = "",
    unit: str = "EA",
    unit_cost: Any = None,
) -> MaterialLine:
    """Add a stock reservation (stock_item + storeroom) or a direct purchase (description).

    The work order's estimate is not touched here: planning.services.add_material, which the
    page and the API call, adds the line and rolls the estimate up in one transaction.
    """
    check_site(actor, work_order.site_id)
    _need(actor, "materials.plan_material", "adding material")
    qty = parse_amount("quantity", quantity, limit=MAX_QUANTITY)
    errors = []
    if stock_item is not None:
        if storeroom is None or storeroom.site_id != work_order.site_id:
            errors.append(
                FieldError("storeroom", "a stock item is reserved from a storeroom of the site")
            )
        if stock_item.site_id != work_order.site_id:
            errors.append(
                FieldError("stock_item", f"{stock_item.code} is not stocked at this site")
            )
        cost = stock_item.unit_cost if unit_cost is None else None
        description, unit = description or stock_item.name, stock_item.unit
    else:
        if not description.strip():
            errors.append(FieldError("description", "a direct purchase needs a description"))
        cost = None
    if errors:
        raise ValidationFailed.collect(errors, "the material line")
    if cost is None:
        cost = parse_amount("unit_cost", unit_cost or 0, limit=MAX_UNIT_COST, positive=False)
    with transaction.atomic():
        wo = _lock_work_order(work_order, PLANNABLE, "adding material")
        if stock_item is not None and storeroom is not None:
            level = _level(stock_item, storeroom)
            level.reserved += qty
            level.save(update_fields=["reserved"])
        line = MaterialLine.objects.create(
            site_id=wo.site_id,
            work_order=wo,
            kind=LineKind.STOCK if stock_item else LineKind.DIRECT,
            stock_item=stock_item,
            storeroom=storeroom if stock_item else None,
            description=description.strip()[:200],
            quantity=qty,
            unit=unit,
            unit_cost=cost,
            added_by=actor,
            added_at=clock.now(),
        )
    return line


def raise_requisition(work_order: WorkOrder, *, actor: User, note: str = "") -> Requisition:
    """Requisition every direct purchase of the work order not yet on a requisition."""
    check_site(actor, work_order.site_id)
    _need(actor, "materials.plan_material", "raising a requisition")
    with transaction.atomic():
        wo = _lock_work_order(work_order, (*PLANNABLE, Status.RS, Status.SC, Status.IP), "buying")
        lines = list(wo.material_lines.direct().filter(requisition_line__isnull=True))
        if not lines:
            raise Conflict(
                f"{wo.number} has no direct purchase left to requisition", status=wo.status
            )
        req = _new_requisition(wo.site_id, actor=actor, work_order=wo, note=note)
        for line in lines:
            RequisitionLine.objects.create(
                site_id=req.site_id,
                requisition=req,
                material_line=line,
                description=line.description,
                quantity=line.quantity,
                unit_cost=line.unit_cost,
            )
    return req


def raise_stock_requisition(
    *, actor: User, storeroom: Storeroom, items: list[tuple[StockItem, Any]], note: str = ""
) -> Requisition:
    """Replenish stock: buy `items` [(stock item, quantity)] into `storeroom`."""
    check_site(actor, storeroom.site_id)
    _need(actor, "materials.plan_material", "raising a requisition")
    if not items:
        raise ValidationFailed(
            "the requisition is empty", errors=[FieldError("items", "add a line")]
        )
    parsed = [(item, parse_amount("quantity", q, limit=MAX_QUANTITY)) for item, q in items]
    with transaction.atomic():
        req = _new_requisition(storeroom.site_id, actor=actor, work_order=None, note=note)
        for item, qty in parsed:
            RequisitionLine.objects.create(
                site_id=req.site_id,
                requisition=req,
                stock_item=item,
                storeroom=storeroom,
                description=item.name,
                quantity=qty,
                unit_cost=item.unit_cost,
            )
    return req


def _new_requisition(
    site_id: int, *, actor: User, work_order: WorkOrder | None, note: str
) -> Requisition:
    req = Requisition.objects.create(
        site_id=site_id, work_order=work_order, raised_by=actor, raised_at=clock.now(), note=note
    )
    req.number = f"PR-{req.pk:06d}"
    req.save(update_fields=["number"])
    return req


def requisition_total(req: Requisition) -> Decimal:
    lines = req.lines.all()
    return sum((ln.quantity * ln.unit_cost for ln in lines), Decimal(0)).quantize(Decimal("0.01"))


def approve_requisition(requisition: Requisition, *, actor: User) -> Requisition:
    """Approve (order) a requisition. For a work order: the work must be approved (or an
    emergency) and the requisition within its approved amount plus variance, or within the
    approver's own limit. The first approved requisition of work in the backlog starts
    planning (BL → PL, system).
    """
    check_site(actor, requisition.site_id)
    _need(actor, "materials.approve_requisition", "approving a requisition")
    with transaction.atomic():
        req = _lock_requisition(requisition)
        total = requisition_total(req)
        wo = req.work_order
        authorised = actor.may_approve(total)
        if wo is not None:
            wo = _lock_work_order(wo, (*APPROVED, Status.WR), "buying material")
            emergency = has_effect({"u": wo.urgency}, "bypass_approval")
            if wo.status == Status.WR and not emergency:
                raise Conflict(
                    f"{wo.number} is not approved yet (WR); approve the work first",
                    status=wo.status,
                )
            ceiling = (wo.approved_amount or Decimal(0)) * (1 + wo.site.allowed_variance_pct / 100)
            authorised = authorised or emergency or total <= ceiling
        if not authorised:
            raise NotAllowed(
                f"{req.number} totals {total}, above your approval limit {actor.approval_limit}"
                + (f" and the work order's approved amount {wo.approved_amount}" if wo else "")
            )
        req.status, req.decided_by, req.decided_at = RequisitionStatus.APPROVED, actor, clock.now()
        req.save(update_fields=["status", "decided_by", "decided_at"])
        if wo is not None:
            first = not wo.requisitions.approved().exclude(pk=req.pk).exists()
            if first and wo.status == Status.BL:
                transition(
                    wo,
                    Status.PL,
                    actor=SYSTEM,
                    reason=f"first purchase requisition {req.number} approved",
                )
    return req


def reject_requisition(requisition: Requisition, *, actor: User, reason: str) -> Requisition:
    check_site(actor, requisition.site_id)
    _need(actor, "materials.approve_requisition", "rejecting a requisition")
    if not reason.strip():
        raise ValidationFailed("a reason is required", errors=[FieldError("reason", "say why")])
    with transaction.atomic():
        req = _lock_requisition(requisition)
        req.status, req.decided_by, req.decided_at = RequisitionStatus.REJECTED, actor, clock.now()
        req.note = reason.strip()
        req.save(update_fields=["status", "decided_by", "decided_at", "note"])
        # The lines may be requisitioned again on a new requisition.
        RequisitionLine.objects.filter(requisition=req).update(material_line=None)
    return req


def _lock_requisition(requisition: Requisition) -> Requisition:
    req = Requisition.objects.select_for_update(of=("self",)).get(pk=requisition.pk)
    if req.status != RequisitionStatus.OPEN:
        raise Conflict(
            f"{req.number} is {req.status}; only open requisitions are decided", status=req.status
        )
    return req


def receive(line: RequisitionLine, *, actor: User, quantity: Any) -> Receipt:
    """Record material that arrived. More than is still outstanding on the line is refused.

    A direct purchase counts against its work order; stock goes on hand in the storeroom.
    Every work order waiting for it (WM) whose material is now all on hand goes to RS.
    """
    check_site(actor, line.requisition.site_id)
    _need(actor, "materials.receive_material", "receiving material")
    qty = parse_amount("quantity", quantity, limit=MAX_QUANTITY)
    with transaction.atomic():
        try:
            rl = (
                RequisitionLine.objects.select_for_update(of=("self",))
                .select_related("requisition")
                .get(pk=line.pk)
            )
        except RequisitionLine.DoesNotExist as exc:
            raise NotFound("no such requisition line") from exc
        req = rl.requisition
        if req.status != RequisitionStatus.APPROVED:
            raise Conflict(f"{req.number} is {req.status}; only approved requisitions are received")
        if qty > rl.outstanding:
            raise ValidationFailed(
                f"receiving {_n(qty)} would exceed what {req.number} ordered",
                errors=[
                    FieldError(
                        "quantity",
                        f"{_n(rl.quantity)} ordered, {_n(rl.received)} received: at most "
                        f"{_n(rl.outstanding)} may still be received; got {_n(qty)}",
                    )
                ],
            )
        rl.received += qty
        rl.save(update_fields=["received"])
        receipt = Receipt.objects.create(
            site_id=req.site_id, line=rl, quantity=qty, received_by=actor, received_at=clock.now()
        )
        cause = f"{_n(qty)} {rl.description} received on {req.number}"
        waiting: list[int] = []
        if rl.material_line_id:
            ml = MaterialLine.objects.select_for_update().get(pk=rl.material_line_id)
            ml.received += qty
            ml.save(update_fields=["received"])
            waiting = [ml.work_order_id]
        elif rl.stock_item_id and rl.storeroom_id:
            level = _level(rl.stock_item, rl.storeroom)  # type: ignore[arg-type]
            level.on_hand += qty
            level.save(update_fields=["on_hand"])
            waiting = list(
                MaterialLine.objects.reservations()
                .filter(
                    stock_item_id=rl.stock_item_id,
                    storeroom_id=rl.storeroom_id,
                    work_order__status=Status.WM,
                )
                .order_by("work_order_id")
                .values_list("work_order_id", flat=True)
                .distinct()
            )
        for wo_id in waiting:
            follow_material(wo_id, cause=cause)
    return receipt


def count_stock(
    *, actor: User, stock_item: StockItem, storeroom: Storeroom, on_hand: Any
) -> StockLevel:
    """Record a physical count: the quantity on hand becomes `on_hand`."""
    check_site(actor, storeroom.site_id)
    _need(actor, "materials.count_stock", "recording a stock count")
    qty = parse_amount("on_hand", on_hand, limit=MAX_QUANTITY * 100, positive=False)
    with transaction.atomic():
        level = _level(stock_item, storeroom)
        level.on_hand = qty
        level.save(update_fields=["on_hand"])
        waiting = (
            MaterialLine.objects.reservations()
            .filter(stock_item=stock_item, storeroom=storeroom, work_order__status=Status.WM)
            .order_by("work_order_id")
            .values_list("work_order_id", flat=True)
            .distinct()
        )
        for wo_id in list(waiting):
            follow_material(wo_id, cause=f"stock count of {stock_item.code} at {storeroom.code}")
    return level


def reserved_total(stock_item: StockItem) -> Decimal:
    return MaterialLine.objects.reservations().filter(stock_item=stock_item).aggregate(
        q=Sum("quantity")
    )["q"] or Decimal(0)
