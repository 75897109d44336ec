"""The header and navigation every page shows: who is logged in, their site, their pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from wrench.assets.sites import home_site
from wrench.notifications.inbox import bell_label

# (label, url name, any one of these permissions; empty = everyone)
PAGES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Start", "home", ()),
    ("Inbox", "inbox", ()),
    ("Request work", "request", ()),
    ("My requests", "my-requests", ()),
    ("Review", "review-queue", ("workorders.review_request",)),
    ("Approvals", "approval-queue", ("workorders.approve_workorder",)),
    (
        "Backlog",
        "backlog",
        (
            "workorders.change_workorder",
            "workorders.plan_workorder",
            "workorders.schedule_workorder",
            "workorders.approve_workorder",
        ),
    ),
    ("My work", "my-work", ("workorders.start_work", "workorders.complete_work")),
    ("Schedule", "schedule", ("scheduling.view_schedule_board", "scheduling.manage_schedule")),
    ("Requisitions", "requisitions", ("materials.plan_material", "materials.approve_requisition")),
    ("Receiving", "receiving", ("materials.receive_material",)),
    ("QR labels", "asset-labels", ("workorders.change_workorder", "assets.change_asset")),
    ("Coding", "coding", ()),
    ("Imports", "imports:index", ("imports.import_data",)),
    (
        "Reports",
        "reports:index",
        (
            "workorders.approve_workorder",
            "workorders.review_request",
            "workorders.plan_workorder",
            "workorders.schedule_workorder",
        ),
    ),
)


def pages_for(user: Any) -> list[tuple[str, str]]:
    links = [
        (label, reverse(name))
        for label, name, perms in PAGES
        if not perms or any(user.has_perm(p) for p in perms)
    ]
    if user.is_staff or "admin" in user.role_names:
        links.append(("Administration", "/admin/"))
    return links


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav": {"links": pages_for(user), "site": home_site(user), "unread": bell_label(user)}}
