"""The lifecycle table's notification effects (workorders/lifecycle.py names them).

- the originator (requester), when their work order is rejected, cancelled or closed;
- prior approvers, when it is rejected or cancelled (the spec: "The originator and prior
  approvers should be advised");
- the routed approver(s), when something waits for them (WA, WL);
- the person an edit assigns the work order to (a listener of `work_order_assigned`).

Every message shows in the person's inbox (inbox.py); e-mail goes as they prefer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wrench.accounts.models import User
from wrench.notifications.outbox import approvers, prior_approvers, tell, write_messages
from wrench.workorders.status import Status

if TYPE_CHECKING:
    from wrench.workorders.lifecycle import Move
    from wrench.workorders.models import WorkOrder, WorkOrderEvent


def advise_originator(move: Move, event: WorkOrderEvent) -> None:
    """Advise the originator (and, unless closing, every prior approver) of the move."""
    work_order = move.work_order
    recipients: dict[int, tuple[User, str]] = {
        work_order.requester_id: (work_order.requester, "you raised it")
    }
    if event.to_status != Status.CL:
        for person in prior_approvers(work_order):
            recipients.setdefault(person.pk, (person, "you approved it before"))
    write_messages(work_order, event, recipients)


def advise_approvers(move: Move, event: WorkOrderEvent) -> None:
    """Tell the routed approver(s) that the work order waits for their approval."""
    work_order = move.work_order
    recipients = {p.pk: (p, "it waits for your approval") for p in approvers(work_order)}
    write_messages(work_order, event, recipients)


def advise_assignee(sender: object, *, work_order: WorkOrder, actor: User, **_: object) -> None:
    """An edit gave the work order to a person: tell them (not when they took it themselves).
    Placing it on the schedule tells the crew's people too (scheduling/notify.py)."""
    person = work_order.assigned_to
    if person is None or person.pk == actor.pk:
        return
    tell(
        person=person,
        site_id=work_order.site_id,
        work_order=work_order,
        subject=f"{work_order.number} assigned to you: {work_order.title}",
        body=(
            f'Work order {work_order.number} "{work_order.title}" ({work_order.status}) '
            f"was assigned to you by {actor.username}.\nSee it on My work: /my/work/\n"
        ),
    )
