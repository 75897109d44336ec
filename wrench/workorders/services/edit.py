"""Changing a work order's fields and coding (never its status), and commenting on it."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from wrench.accounts.models import User
from wrench.coding.book import CodingBook
from wrench.coding.models import BUILTIN_KEYS
from wrench.core import clock
from wrench.core.errors import Conflict, FieldError, NotAllowed, ValidationFailed
from wrench.workorders.drafts import (
    EDITABLE,
    REQUESTER_EDITABLE,
    apply_effects,
    apply_priority,
    validate,
)
from wrench.workorders.models import Comment, WorkOrder, WorkOrderCode
from wrench.workorders.services.common import check_site
from wrench.workorders.services.move import recheck_approval
from wrench.workorders.signals import work_order_assigned
from wrench.workorders.status import Status


def update_work_order(
    work_order: WorkOrder, *, actor: User, codes: dict[str, Any] | None = None, **data: Any
) -> WorkOrder:
    """Change fields and coding (never the status). Same rules as creation. A rise of the
    estimate on approved work past the approved amount plus the allowed variance sends it
    to WL (re-approval) in the same transaction."""
    unknown = sorted(set(data) - set(EDITABLE))
    if unknown:
        raise ValidationFailed(
            f"unknown field(s): {', '.join(unknown)}; allowed: {', '.join(EDITABLE)}"
        )
    check_site(actor, work_order.site_id)
    with transaction.atomic():
        wo = WorkOrder.objects.locked(work_order.pk)
        if wo.status in (Status.CL, Status.CA, Status.RJ):
            raise Conflict(
                f"{wo.number} is {wo.status} ({wo.get_status_display()}); it can no longer be changed",
                status=wo.status,
            )
        if not actor.has_perm("workorders.change_workorder"):
            own = wo.requester_id == actor.pk and wo.status == Status.WR
            if not own or codes or set(data) - set(REQUESTER_EDITABLE):
                raise NotAllowed(
                    "changing a work order needs the supervisor or planner role; you are "
                    f"{actor.role_label} (a requester may edit the text of their own request "
                    "while it waits for review)"
                )
        book = CodingBook.for_site(wo.site_id, version=wo.site.coding_version)
        errors: list[FieldError] = []
        draft = validate(
            site=wo.site, data=data, codes=codes or {}, book=book, current=wo, errors=errors
        )
        apply_priority(draft, wo.site, wo)
        was_assigned_to = wo.assigned_to_id
        for name, value in draft.fields.items():
            setattr(wo, name, value)
        for key in BUILTIN_KEYS:
            if key in (codes or {}):
                setattr(wo, key, draft.codes.get(key))
        apply_effects(wo, draft, errors)
        if errors:
            raise ValidationFailed.collect(errors)
        wo._history_user = actor  # type: ignore[attr-defined]
        wo.save()
        for key in codes or {}:
            if key in BUILTIN_KEYS:
                continue
            WorkOrderCode.objects.filter(work_order=wo, characteristic__key=key).delete()
            if key in draft.extra:
                WorkOrderCode.objects.create(
                    site_id=wo.site_id,
                    work_order=wo,
                    characteristic=book.characteristics[key],
                    value=draft.extra[key],
                )
        if wo.assigned_to_id is not None and wo.assigned_to_id != was_assigned_to:
            work_order_assigned.send(sender=WorkOrder, work_order=wo, actor=actor)
        if "estimated_cost" in draft.fields:
            wo = recheck_approval(wo, cause=f"the estimate was changed by {actor.username}")
    return wo


def add_comment(work_order: WorkOrder, *, actor: User, text: str) -> Comment:
    check_site(actor, work_order.site_id)
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(
            "the comment is empty", errors=[FieldError("text", "write something")]
        )
    if len(text) > 10000:
        raise ValidationFailed(
            "the comment is too long", errors=[FieldError("text", "at most 10000 characters")]
        )
    if not actor.has_perm("workorders.add_comment"):
        raise NotAllowed(f"commenting needs a role; you are {actor.role_label}")
    return Comment.objects.create(
        site_id=work_order.site_id,
        work_order=work_order,
        author=actor,
        text=text,
        created_at=clock.now(),
    )
