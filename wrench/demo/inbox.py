"""Every demo person finds a few unread notifications at first login.

The earlier steps already told people what the lifecycle tells them (the manager has hundreds
of approvals behind them, the requester every close). Here the old ones are marked read, a
handful stay unread, and roles the lifecycle does not tell (planner, scheduler, admin) get the
hand-overs a real team would send them.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import DateTimeField, ExpressionWrapper, F

from wrench.accounts.roles import Role
from wrench.demo.context import Demo
from wrench.notifications.models import Message
from wrench.notifications.outbox import tell
from wrench.workorders.models import WorkOrder

UNREAD = 5  # newest messages per person left unread

HAND_OVERS = {
    Role.PLANNER: ("BL", "approved and waits for planning", "Plan it from the backlog."),
    Role.SCHEDULER: ("RS", "is ready to schedule", "Place it on the schedule board."),
    Role.ADMIN: ("WR", "waits for review", "The supervisor has not picked it up yet."),
    Role.TECHNICIAN: ("SC", "is on your schedule", "See it on My work."),
}


def load(demo: Demo) -> None:
    for role, (status, what, todo) in HAND_OVERS.items():
        person = demo.users[role.value]
        newest = WorkOrder.objects.filter(site=demo.site, status=status).order_by("-updated_at")
        for wo in newest[:3]:
            tell(
                person=person,
                site_id=demo.site.pk,
                work_order=wo,
                subject=f"{wo.number} {what}: {wo.title}",
                body=f'Work order {wo.number} "{wo.title}" {what}.\n{todo}\n',
                at=wo.updated_at,
            )
    for person in demo.users.values():
        keep = Message.objects.filter(recipient=person).order_by("-created_at", "-id")
        unread = list(keep.values_list("pk", flat=True)[:UNREAD])
        an_hour_later = ExpressionWrapper(
            F("created_at") + dt.timedelta(hours=1), output_field=DateTimeField()
        )
        keep.exclude(pk__in=unread).update(read_at=an_hour_later)
    demo.say("Inbox: a few unread notifications for every demo person.")
