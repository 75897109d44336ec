"""The start page: what this person has to do, by role, then the plant by status."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wrench.accounts.models import User
from wrench.approvals.services import work_orders_waiting_for
from wrench.workorders.models import WorkOrder
from wrench.workorders.status import Status

CAP = 1000  # start-page counts stop here, so the page stays fast on a big plant


def _bounded(qs: QuerySet[WorkOrder]) -> str:
    n = qs.order_by().values("id")[: CAP + 1].count()
    return f"{CAP:,}+" if n > CAP else str(n)


def _emergencies(qs: QuerySet[WorkOrder]) -> str:
    """The words "2 emergencies first." for a queue's card, or nothing when there are none."""
    n = qs.filter(Q(emergency=True) | Q(urgency__abbreviation="E")).count()
    return f" {n} emergenc{'y' if n == 1 else 'ies'} first." if n else ""


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page: what this person has to do, by role, then the plant by status."""
    user = request.user
    assert isinstance(user, User)
    visible = WorkOrder.objects.visible_to(user)
    tasks = [
        ("Request work", "/request/", "Something broken or unsafe? Raise it here.", None),
        (
            "My requests",
            "/my/requests/",
            "Follow what you raised.",
            _bounded(visible.filter(requester=user).open()),
        ),
    ]
    if user.has_perm("workorders.review_request"):
        tasks.append(
            (
                "Review",
                "/review/",
                "Requests waiting for review (WR)." + _emergencies(visible.filter(status="WR")),
                _bounded(visible.filter(status="WR")),
            )
        )
    if user.has_perm("workorders.approve_workorder"):
        mine = visible.filter(status="WA", pk__in=work_orders_waiting_for(user))
        tasks.append(
            (
                "Approvals",
                "/approvals/",
                "Work waiting for your approval (WA)." + _emergencies(mine),
                _bounded(mine),
            )
        )
    if user.has_perm("workorders.plan_workorder") or user.has_perm("workorders.change_workorder"):
        tasks.append(
            (
                "Backlog",
                "/backlog/?status=backlog",
                "Approved work to plan and make ready.",
                _bounded(visible.in_group("backlog")),
            )
        )
        tasks.append(
            (
                "To close",
                "/backlog/?status=CO",
                "Physically complete work, waiting to close.",
                _bounded(visible.filter(status="CO")),
            )
        )
    if user.has_perm("workorders.schedule_workorder"):
        tasks.append(
            (
                "Ready to schedule",
                "/backlog/?status=RS",
                "Work ready for the schedule (RS).",
                _bounded(visible.filter(status="RS")),
            )
        )
    if user.has_perm("workorders.start_work") or user.has_perm("workorders.complete_work"):
        tasks.append(
            (
                "My work",
                "/my/work/",
                "Jobs assigned to you.",
                _bounded(visible.filter(assigned_to=user, status__in=("RS", "SC", "IP"))),
            )
        )
    if user.is_staff:
        tasks.append(("Administration", "/admin/", "Sites, equipment, coding, people.", None))
    tasks.append(("Coding manual", "/coding/", "Every value and what it means.", None))
    counts = dict(visible.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    rows = [(s.value, s.label, counts.get(s.value, 0)) for s in Status]
    return render(request, "home/home.html", {"rows": rows, "tasks": tasks})
