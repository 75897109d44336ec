"""Recording and correcting an asset's downtime.

Each function takes keyword arguments and an explicit `actor` (a person: anything with
`has_perm` and `site_ids()`, i.e. accounts.User, which sits above this app), runs in one
transaction and locks the asset's row, so two people recording the same asset at once cannot
both write overlapping periods. Every change is kept in the row's history (who, when, what).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from wrench.assets.models import Asset, Downtime
from wrench.core import clock
from wrench.core.errors import FieldError, NotAllowed, NotFound, ValidationFailed

PERMISSION = "assets.record_downtime"
_FMT = "%Y-%m-%d %H:%M"


def can_record_downtime(actor: Any) -> bool:
    return bool(actor.has_perm(PERMISSION))


def _check_actor(actor: Any, asset: Asset) -> None:
    if asset.site_id not in actor.site_ids():
        raise NotFound(f"no asset {asset.code!r} at your sites")
    if not can_record_downtime(actor):
        raise NotAllowed(
            "recording downtime needs the supervisor, planner or technician role; "
            f"you are {getattr(actor, 'role_label', 'without one')}"
        )


def _work_order(asset: Asset, number: str | None) -> Any:
    """The work order `number` of the asset's site, against this asset, one below it or one
    above it. Looked up through the link's own model: workorders sits above this app."""
    if not number:
        return None
    model = Downtime._meta.get_field("work_order").related_model
    wo: Any = (
        model._default_manager.filter(site_id=asset.site_id, number=number.strip())
        .select_related("asset")
        .first()
    )
    if wo is None:
        raise ValidationFailed(
            "the downtime was not saved: check work order",
            errors=[FieldError("work_order", f"no work order {number!r} at {asset.site.code}")],
        )
    if wo.asset is not None and not (
        wo.asset.path.startswith(asset.path) or asset.path.startswith(wo.asset.path)
    ):
        raise ValidationFailed(
            "the downtime was not saved: check work order",
            errors=[
                FieldError(
                    "work_order",
                    f"{wo.number} is against {wo.asset.code}, which is neither {asset.code} "
                    "nor above or below it in the tree",
                )
            ],
        )
    return wo


def _check_period(
    asset: Asset, start: dt.datetime, end: dt.datetime, *, other_than: int | None = None
) -> None:
    errors = []
    if end <= start:
        errors.append(
            FieldError(
                "end",
                f"the end ({end:{_FMT}}) must be after the start ({start:{_FMT}})",
            )
        )
    if end > clock.now():
        errors.append(FieldError("end", "the end cannot be in the future"))
    if errors:
        raise ValidationFailed("the downtime was not saved: check end", errors=errors)
    others = Downtime.objects.filter(asset=asset, started_at__lt=end, ended_at__gt=start)
    if other_than is not None:
        others = others.exclude(pk=other_than)
    clash = others.order_by("started_at").first()
    if clash is not None:
        raise ValidationFailed(
            "the downtime was not saved: the period overlaps one already recorded",
            errors=[
                FieldError(
                    "start",
                    f"{asset.code} was already recorded down from {clash.started_at:{_FMT}} "
                    f"to {clash.ended_at:{_FMT}}; correct that period or choose one that "
                    "does not overlap it",
                )
            ],
        )


def _locked_asset(asset: Asset) -> Asset:
    return Asset.objects.select_for_update().select_related("site").get(pk=asset.pk)


def record_downtime(
    *,
    actor: Any,
    asset: Asset,
    start: dt.datetime,
    end: dt.datetime,
    reason: str = "",
    work_order: str | None = None,
) -> Downtime:
    """Record that `asset` was down from `start` to `end`. Refused (nothing written) when the
    end is not after the start, is in the future, or the period overlaps another of the asset."""
    _check_actor(actor, asset)
    with transaction.atomic():
        asset = _locked_asset(asset)
        _check_period(asset, start, end)
        row = Downtime(
            site_id=asset.site_id,
            asset=asset,
            work_order=_work_order(asset, work_order),
            started_at=start,
            ended_at=end,
            reason=reason.strip()[:200],
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        row._history_user = actor  # type: ignore[attr-defined]
        row.save()
    return row


def correct_downtime(
    *,
    actor: Any,
    downtime: Downtime,
    start: dt.datetime,
    end: dt.datetime,
    reason: str = "",
    work_order: str | None = None,
) -> Downtime:
    """Replace a recorded period's times, reason and work order; the old values stay in its
    history. The same checks as recording, against the asset's other periods."""
    _check_actor(actor, downtime.asset)
    with transaction.atomic():
        asset = _locked_asset(downtime.asset)
        row = Downtime.objects.select_for_update().get(pk=downtime.pk)
        _check_period(asset, start, end, other_than=row.pk)
        row.work_order = _work_order(asset, work_order)
        row.started_at, row.ended_at = start, end
        row.reason = reason.strip()[:200]
        row._history_user = actor  # type: ignore[attr-defined]
        row.save()
    return row


def remove_downtime(*, actor: Any, downtime: Downtime) -> None:
    """Delete a period entered by mistake; its history keeps who removed it and when."""
    _check_actor(actor, downtime.asset)
    with transaction.atomic():
        _locked_asset(downtime.asset)
        row = Downtime.objects.select_for_update().get(pk=downtime.pk)
        row._history_user = actor  # type: ignore[attr-defined]
        row.delete()
