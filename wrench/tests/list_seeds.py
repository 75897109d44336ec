"""Seeds of the lists test (test_lists.py): each adds `n` rows to one list at `site` and
returns the list path's parameters ({code}, {number}) when it has some."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from wrench.testing import factories

_serial = itertools.count(1)  # seeds run twice in a test: new codes each time
T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def characteristics(site: Any, people: dict[str, Any], n: int) -> None:
    from wrench.coding.models import Characteristic

    for _i in range(n):
        key = f"extra{next(_serial)}"
        Characteristic.objects.create(site=site, key=key, name=f"WO – {key}", position=100)


def sites(site: Any, people: dict[str, Any], n: int) -> None:
    for _i in range(n):
        people["planner"].sites.add(factories.SiteFactory(code=f"X{next(_serial):03d}"))


def coded(model_name: str) -> Any:
    def seed(site: Any, people: dict[str, Any], n: int) -> None:
        from wrench.assets import models

        model = getattr(models, model_name)
        for _i in range(n):
            model.objects.create(site=site, code=f"Z{next(_serial):03d}", name="listed")

    return seed


def users(site: Any, people: dict[str, Any], n: int) -> None:
    for _i in range(n):
        factories.user("technician", site, username=f"tech{next(_serial):03d}")


def assets(site: Any, people: dict[str, Any], n: int) -> None:
    for _i in range(n):
        factories.AssetFactory(site=site, code=f"A-{next(_serial):03d}")


def subtree(site: Any, people: dict[str, Any], n: int) -> dict[str, str]:
    root: Any = factories.AssetFactory(site=site, code=f"R-{next(_serial):03d}")
    for _i in range(n - 1):
        factories.AssetFactory(site=site, parent=root, code=f"C-{next(_serial):03d}")
    return {"code": root.code}


def downtime(site: Any, people: dict[str, Any], n: int) -> dict[str, str]:
    from wrench.assets.models import Downtime

    asset: Any = factories.AssetFactory(site=site, code=f"D-{next(_serial):03d}")
    for i in range(n):
        start = T0 + dt.timedelta(days=i % 3, hours=i)  # some share a day: ties on the order
        Downtime.objects.create(
            site=site,
            asset=asset,
            started_at=start,
            ended_at=start + dt.timedelta(minutes=30),
            recorded_by=people["planner"],
            recorded_at=T0,
        )
    return {"code": asset.code}


def events(site: Any, people: dict[str, Any], n: int) -> dict[str, str]:
    from wrench.workorders.models import WorkOrderEvent

    wo = factories.work_order(site, people["requester"])  # its first event: entered as WR
    for i in range(n):
        WorkOrderEvent.objects.create(
            site=site, work_order=wo, to_status="WR", reason=f"step {i}", at=T0
        )
    return {"number": wo.number or ""}


def comments(site: Any, people: dict[str, Any], n: int) -> dict[str, str]:
    from wrench.workorders.models import Comment

    wo = factories.work_order(site, people["requester"])
    for i in range(n):
        Comment.objects.create(
            site=site, work_order=wo, author=people["planner"], text=f"note {i}", created_at=T0
        )
    return {"number": wo.number or ""}


def _attachment(site: Any, people: dict[str, Any], i: int, **on: Any) -> None:
    from wrench.workorders.attachments import Attachment

    Attachment.objects.create(
        site=site,
        file=f"2026/01/f{i}.pdf",
        name=f"f{i}.pdf",
        size=10,
        content_type="application/pdf",
        uploaded_by=people["planner"],
        uploaded_at=T0 + dt.timedelta(minutes=i // 2),
        **on,
    )


def work_order_attachments(site: Any, people: dict[str, Any], n: int) -> dict[str, str]:
    wo = factories.work_order(site, people["requester"])
    for i in range(n):
        _attachment(site, people, i, work_order=wo)
    return {"number": wo.number or ""}


def asset_attachments(site: Any, people: dict[str, Any], n: int) -> dict[str, str]:
    asset: Any = factories.AssetFactory(site=site, code=f"F-{next(_serial):03d}")
    for i in range(n):
        _attachment(site, people, i, asset=asset)
    return {"code": asset.code}


def _charges(site: Any, people: dict[str, Any], n: int, wo: Any, day: dt.date) -> None:
    from wrench.assets.models import Trade
    from wrench.labor.models import TimeCharge

    trade = Trade.objects.filter(site=site)[0]
    for i in range(n):
        TimeCharge.objects.create(
            site=site,
            work_order=wo,
            person=people["technician"],
            trade=trade,
            date=day - dt.timedelta(days=i // 2),  # two a day: ties on the date
            hours=1,
            entered_by=people["planner"],
            entered_at=T0,
        )


def work_order_charges(site: Any, people: dict[str, Any], n: int) -> dict[str, str]:
    wo = factories.work_order(site, people["requester"])
    _charges(site, people, n, wo, T0.date())
    return {"number": wo.number or ""}


def my_charges(site: Any, people: dict[str, Any], n: int) -> None:
    from wrench.core import clock

    wo = factories.work_order(site, people["requester"])
    _charges(site, people, n, wo, clock.now().date())


def approval_rules(site: Any, people: dict[str, Any], n: int) -> None:
    from wrench.approvals.models import ApprovalRule

    for _i in range(n):
        ApprovalRule.objects.create(
            site=site, min_amount=next(_serial) * 100, approver_role="manager"
        )


def approvals_waiting(site: Any, people: dict[str, Any], n: int) -> None:
    from wrench.approvals.models import Approval

    for i in range(n):
        wo = factories.work_order(site, people["requester"])
        Approval.objects.create(
            site=site,
            work_order=wo,
            amount=100,
            approver_role="manager",
            routed_at=T0 + dt.timedelta(hours=i // 2),
        )


def job_plans(site: Any, people: dict[str, Any], n: int) -> None:
    from wrench.planning.models import JobPlan

    for _i in range(n):
        JobPlan.objects.create(site=site, code=f"JP-{next(_serial):03d}", name="plan")


def nothing(site: Any, people: dict[str, Any], n: int) -> None:
    """A list that is not rows of the database (the report catalog)."""


def notifications(site: Any, people: dict[str, Any], n: int) -> None:
    from wrench.notifications.models import Message

    for i in range(n):
        Message.objects.create(
            site=site,
            recipient=people["planner"],
            subject=f"note {i}",
            body="listed",
            next_attempt_at=T0,
            created_at=T0 + dt.timedelta(hours=i // 2),
        )
