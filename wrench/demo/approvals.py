"""Demo step: approval routing. Anything above the supervisor's limit goes to the manager."""

from __future__ import annotations

from wrench.approvals.services import add_approval_rule
from wrench.demo.context import Demo


def load(demo: Demo) -> None:
    add_approval_rule(actor=demo.users["admin"], site=demo.site, approver_role="manager")
