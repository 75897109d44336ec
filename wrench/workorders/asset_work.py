"""The work of one asset, for its page: open work, warranty work and the coded history of
every work order against it or anything below it, filtered by the one WorkOrderFilter."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Sum
from django.http import QueryDict

from wrench.accounts.models import User
from wrench.assets.models import Asset
from wrench.coding.book import CodingBook
from wrench.core.errors import ValidationFailed
from wrench.workorders.filters import WorkOrderFilter, keyset_page
from wrench.workorders.models import WorkOrder
from wrench.workorders.status import GROUPS

HISTORY_PAGE = 25
OPEN_SHOWN = 50
# The history's filters a person may set on the asset page (the rest of the filter is the
# backlog's, reached by the link that carries these over).
HISTORY_KEYS = (
    "q",
    "status",
    "urgency",
    "timing",
    "reason",
    "action",
    "requested_from",
    "requested_to",
)
CODE_KEYS = ("urgency", "timing", "reason", "action")


@dataclass
class AssetWork:
    open: list[WorkOrder]
    open_count: int
    warranty_count: int
    warranty_cost: Decimal
    warranty_recent: list[WorkOrder]
    history: list[tuple[WorkOrder, list[tuple[str, Any]]]]
    next_url: str
    query: dict[str, str]
    backlog_url: str
    error: ValidationFailed | None
    code_choices: list[tuple[str, str, list[Any], str]] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)


def _below(asset: Asset, user: User) -> Any:
    return WorkOrder.objects.visible_to(user).filter(
        site_id=asset.site_id, asset__path__startswith=asset.path
    )


def asset_work(asset: Asset, user: User, get: QueryDict) -> AssetWork:
    below = _below(asset, user)
    open_qs = below.open().with_coding().order_by("-priority", "requested_at", "id")
    warranty = below.filter(warranty_flag=True)
    totals = warranty.aggregate(n=Count("id"), cost=Sum("estimated_cost"))
    query = {k: str(get.get(k, "")).strip() for k in HISTORY_KEYS if str(get.get(k, "")).strip()}
    wanted = {**query, "asset": asset.code, "site": asset.site.code, "sort": "-requested_at"}
    items: list[WorkOrder] = []
    next_url = ""
    error = None
    try:
        flt = WorkOrderFilter.from_query(wanted)
        qs = flt.apply(WorkOrder.objects.visible_to(user).with_coding(), user=user)
        page = keyset_page(qs, flt, limit=HISTORY_PAGE, cursor=get.get("cursor"))
        items = page.items
        if page.next_cursor:
            next_url = "?" + urlencode({**query, "cursor": page.next_cursor}) + "#history"
    except ValidationFailed as exc:
        error = exc
    book = CodingBook.for_site(asset.site_id)
    names = {
        key: book.characteristics[key].name for key in CODE_KEYS if key in book.characteristics
    }
    history = [
        (wo, [(names[k], getattr(wo, k)) for k in names if getattr(wo, k, None)]) for wo in items
    ]
    return AssetWork(
        open=list(open_qs[:OPEN_SHOWN]),
        open_count=open_qs.count(),
        warranty_count=totals["n"] or 0,
        warranty_cost=totals["cost"] or Decimal(0),
        warranty_recent=list(warranty.order_by("-requested_at", "-id")[:5]),
        history=history,
        next_url=next_url,
        query=query,
        backlog_url="/backlog/?" + urlencode({**query, "asset": asset.code}),
        error=error,
        code_choices=[
            (key, name, book.active_values(key), query.get(key, "")) for key, name in names.items()
        ],
        groups=list(GROUPS),
    )
