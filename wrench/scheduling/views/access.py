"""Who may read and build the schedule, and the week a request names (404 elsewhere)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from wrench.accounts.models import User
from wrench.assets.sites import home_site
from wrench.scheduling import services
from wrench.scheduling.models import ScheduleWeek
from wrench.workorders.views.common import user_of

VIEW, MANAGE = "scheduling.view_schedule_board", services.MANAGE


def _readable(user: User) -> None:
    if not (user.has_perm(VIEW) or user.has_perm(MANAGE)):
        raise PermissionDenied(
            "the schedule is read by schedulers, supervisors, planners and managers"
        )


def my_site(user: User) -> Any:
    """The person's site, or 403 when they belong to none."""
    site = home_site(user)
    if site is None:
        raise PermissionDenied("you are not a member of any site")
    return site


def _manager(request: HttpRequest) -> User:
    user = user_of(request)
    if not user.has_perm(MANAGE):
        raise PermissionDenied("building the schedule needs the scheduler role")
    return user


def _week(request: HttpRequest, schedule_id: int) -> ScheduleWeek:
    user = user_of(request)
    found = (
        ScheduleWeek.objects.filter(pk=schedule_id, site_id__in=user.site_ids())
        .select_related("site")
        .first()
    )
    if found is None:
        raise Http404("no such schedule at your sites")
    return found
