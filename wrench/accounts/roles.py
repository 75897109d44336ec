"""The seven roles and the permissions each holds by default.

The lifecycle table (workorders/lifecycle.py) names a permission per transition; these
groups hold them. An admin may grant more; `ensure_roles` never takes any away and puts
back any default that was removed.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class Role(models.TextChoices):
    REQUESTER = "requester", "Requester"
    SUPERVISOR = "supervisor", "Supervisor"
    PLANNER = "planner", "Planner"
    SCHEDULER = "scheduler", "Scheduler"
    TECHNICIAN = "technician", "Technician"
    MANAGER = "manager", "Manager"
    ADMIN = "admin", "Admin"


_EVERYONE = [
    "workorders.request_work",
    "workorders.add_comment",
    "workorders.cancel_own_request",
    "pm.record_reading",  # operators read meters on their rounds
]
_CONFIG = [
    f"{app}.{action}_{model}"
    for app, model in [
        ("assets", "site"),
        ("assets", "area"),
        ("assets", "costcentre"),
        ("assets", "equipmenttype"),
        ("assets", "asset"),
        ("assets", "trade"),
        ("assets", "crew"),
        ("coding", "characteristic"),
        ("coding", "codevalue"),
        ("accounts", "user"),
        ("approvals", "approvalrule"),
        ("materials", "storeroom"),
        ("materials", "stockitem"),
        ("pm", "pmsettings"),  # the grace PM compliance allows
    ]
    for action in ("add", "change", "view", "delete")
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.REQUESTER: [*_EVERYONE],
    Role.SUPERVISOR: [
        *_EVERYONE,
        "labor.charge_time",
        "labor.charge_time_for_others",
        "workorders.review_request",
        # Approval rules may route a band of cost to supervisors (within their own limit).
        "workorders.approve_workorder",
        "workorders.start_emergency",
        "workorders.complete_work",
        "workorders.reopen_work",
        "workorders.cancel_workorder",
        "workorders.change_workorder",
        "scheduling.view_schedule_board",
        "scheduling.manage_calendars",
        "assets.record_downtime",
        "pm.manage_pmplans",
    ],
    Role.PLANNER: [
        *_EVERYONE,
        "workorders.plan_workorder",
        "workorders.close_workorder",
        "workorders.cancel_workorder",
        "workorders.change_workorder",
        "planning.manage_jobplans",
        "pm.manage_pmplans",
        "materials.plan_material",
        "materials.approve_requisition",
        # The planner also keeps the stores (no storeman role): receiving and counting.
        "materials.receive_material",
        "materials.count_stock",
        "labor.charge_time",
        "labor.charge_time_for_others",
        "scheduling.view_schedule_board",
        "assets.record_downtime",
    ],
    Role.SCHEDULER: [
        *_EVERYONE,
        "workorders.schedule_workorder",
        "scheduling.manage_schedule",
        "scheduling.view_schedule_board",
        "scheduling.manage_crews",
        "scheduling.manage_calendars",
    ],
    Role.TECHNICIAN: [
        *_EVERYONE,
        "workorders.start_emergency",
        "workorders.start_work",
        "workorders.complete_work",
        "labor.charge_time",
        "assets.record_downtime",
    ],
    Role.MANAGER: [
        *_EVERYONE,
        "workorders.approve_workorder",
        "materials.approve_requisition",
        "scheduling.view_schedule_board",
    ],
    Role.ADMIN: [
        *_EVERYONE,
        *_CONFIG,
        "auth.view_group",
        "auth.change_group",
        "imports.import_data",  # moving in: assets, work orders and stock from a legacy system
        "materials.count_stock",  # the opening stock of a move-in is a count
        "pm.manage_pmplans",  # the meters (and plans) of a move-in are set up by the admin
        "scheduling.manage_crews",
        "scheduling.manage_calendars",
    ],
}


def ensure_roles() -> None:
    """Create the role groups and grant their default permissions (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    wanted = {p for perms in ROLE_PERMISSIONS.values() for p in perms}
    by_name: dict[str, Permission] = {}
    for perm in Permission.objects.select_related("content_type"):
        key = f"{perm.content_type.app_label}.{perm.codename}"
        if key in wanted:
            by_name[key] = perm
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=str(role))
        group.permissions.add(*(by_name[p] for p in perms if p in by_name))


def ensure_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    # After each of our apps: its permissions exist only once its own post_migrate ran.
    if getattr(sender, "name", "").startswith("wrench."):
        ensure_roles()
