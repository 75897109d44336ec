"""The list filter: any combination, clear errors, and cursor pages that never skip a row."""

from __future__ import annotations

import datetime as dt

import pytest

from wrench.core.errors import ValidationFailed
from wrench.testing import factories
from wrench.workorders.filters import WorkOrderFilter, keyset_page
from wrench.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db


def _plant(site, people):
    line = factories.AssetFactory(site=site, code="L-1", name="Line 1")
    pump = factories.AssetFactory(site=site, code="P-1", name="Pump", parent=line)
    other = factories.AssetFactory(site=site, code="P-9", name="Elsewhere")
    mix = [
        ("SA", "A", pump),
        ("EN", "A", line),
        ("SA", "R", other),
        ("OP", "M", pump),
        ("EN", "A", other),
    ]
    made = []
    for i in range(25):
        reason, timing, asset = mix[i % len(mix)]
        made.append(
            factories.work_order(
                site,
                people["supervisor"],
                codes={"reason": reason, "timing": timing},
                asset=asset,
                priority=(i * 7) % 10,
                needed_by=None if i % 3 else dt.date(2026, 12, 1) + dt.timedelta(days=i % 4),
            )
        )
    return made


def _ids(flt, people):
    return list(
        flt.apply(
            WorkOrder.objects.visible_to(people["planner"]), user=people["planner"]
        ).values_list("id", flat=True)
    )


def test_filters_combine_characteristics_status_and_the_asset_subtree(site, people):
    made = _plant(site, people)
    flt = WorkOrderFilter.from_query(
        {"reason": "SA,EN", "timing": "A", "asset": "L-1", "status": "open"}
    )
    expected = {
        wo.id
        for wo in made
        if wo.reason.abbreviation in ("SA", "EN")
        and wo.timing.abbreviation == "A"
        and wo.asset.code in ("L-1", "P-1")
    }
    assert set(_ids(flt, people)) == expected and expected


def test_unknown_values_and_keys_say_what_is_allowed(site, people):
    with pytest.raises(ValidationFailed) as caught:
        WorkOrderFilter.from_query({"reason": "XX"}).apply(
            WorkOrder.objects.all(), user=people["planner"]
        )
    assert "allowed: CA, CO, CR" in caught.value.errors[0].message
    with pytest.raises(ValidationFailed) as caught:
        WorkOrderFilter.from_query({"status": "nearly_done"})
    assert "allowed: WR, WA" in caught.value.errors[0].message
    with pytest.raises(ValidationFailed):
        WorkOrderFilter.from_query({"sort": "colour"})
    with pytest.raises(ValidationFailed) as caught:
        WorkOrderFilter.from_query({"colour": "red"}).apply(
            WorkOrder.objects.all(), user=people["planner"]
        )
    assert "neither a filter nor a characteristic" in caught.value.errors[0].message


@pytest.mark.parametrize(
    "sort",
    ["-priority,requested_at", "needed_by", "-needed_by,number", "status,-priority", "number"],
)
def test_cursor_pages_walk_the_whole_list_in_order_without_gaps(site, people, sort):
    _plant(site, people)
    flt = WorkOrderFilter.from_query({"sort": sort})
    base = flt.apply(WorkOrder.objects.visible_to(people["planner"]), user=people["planner"])
    everything = [wo.id for wo in keyset_page(base, flt, limit=500, cursor=None).items]
    walked, cursor = [], None
    while True:
        page = keyset_page(base, flt, limit=4, cursor=cursor)
        walked.extend(wo.id for wo in page.items)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert walked == everything and len(walked) == 25


def test_a_malformed_cursor_is_a_clear_error(site, people):
    flt = WorkOrderFilter.from_query({})
    with pytest.raises(ValidationFailed, match="cursor"):
        keyset_page(WorkOrder.objects.all(), flt, limit=5, cursor="not-a-cursor")
