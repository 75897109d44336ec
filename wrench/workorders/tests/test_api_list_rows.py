"""The list's lean rows answer exactly what the model-instance path answered, page by page."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from ninja.responses import NinjaJSONEncoder

from wrench.accounts.tokens import create_token
from wrench.coding.book import CodingBook
from wrench.coding.models import Characteristic, CodeValue
from wrench.coding.services import add_characteristic, add_value, set_value_active
from wrench.testing import factories
from wrench.workorders import schemas
from wrench.workorders.filters import WorkOrderFilter, _value_ids, keyset_page
from wrench.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db(transaction=True)

QUERIES: list[dict[str, str]] = [
    {},
    {"status": "backlog", "sort": "-priority,requested_at"},
    {"reason": "SA,EN", "timing": "R,A", "sort": "number"},
    {"asset": "L-1", "sort": "-needed_by"},
    {"needed_from": "2026-12-01", "sort": "needed_by,-priority"},
    {"site": "SOUTH", "sort": "status,-number"},
    {"shift": "D,N", "sort": "updated_at"},
    {"trade": "MECH", "crew": "UTIL-MECH", "sort": "-requested_at"},
    {"q": "seal", "emergency": "false"},
    {"funding": "R", "status": "open,CA"},
]


@pytest.fixture
def plant(site, other_site, people, make_user):
    """Two sites; work with and without asset, trade, crew, assignee and needed-by date; an
    added characteristic; a retired value; a characteristic made inactive."""
    planner = people["planner"]
    planner.sites.add(other_site)
    south = make_user("supervisor", other_site, username="south-supervisor")
    shift = add_characteristic(site=site, key="shift", name="Shift", described="Which shift")
    for abbreviation, text in (("D", "Day"), ("N", "Night")):
        add_value(characteristic=shift, abbreviation=abbreviation, value=text, definition=text)
    line = factories.AssetFactory(site=site, code="L-1", name="Line 1")
    pump = factories.AssetFactory(site=site, code="P-1", name="Pump", parent=line)
    made = []
    for i in range(14):
        fields: dict[str, Any] = {"priority": (i * 7) % 5}
        if i % 3:
            fields["asset"] = (pump if i % 2 else line).code
        if i % 4 == 0:
            fields.update(trade="MECH", crew="UTIL-MECH", assigned_to="technician")
        if i % 5:
            fields["needed_by"] = dt.date(2026, 12, 1) + dt.timedelta(days=i % 3)
        codes = {"reason": ("SA", "EN", "OP")[i % 3], "timing": ("R", "A")[i % 2]}
        if i % 2:
            codes["shift"] = ("D", "N")[i % 4 // 2]
        made.append(factories.work_order(site, people["supervisor"], codes=codes, **fields))
    for i in range(4):
        made.append(factories.work_order(other_site, south, priority=i, title=f"Seal {i}"))
    # Statuses as a real plant has them (set directly: only the list is under test here).
    for wo, status in zip(made, ["BL", "PL", "BL", "WR", "CA", "BL", "RS"], strict=False):
        WorkOrder.objects.filter(pk=wo.pk).update(status=status)
    set_value_active(
        value=CodeValue.objects.get(characteristic=shift, abbreviation="N"), active=False
    )
    funding = Characteristic.objects.get(site=other_site, key="funding")
    funding.active = False
    funding.save()
    return made


def _reference(user, params: dict[str, str]) -> str:
    """The page as the list answered before it had lean rows: model instances, prefetched
    relations, schemas.item, WorkOrderPage validation, Ninja's JSON encoder."""
    flt = WorkOrderFilter.from_query(params, ignore=("cursor", "limit"))
    qs = flt.apply(WorkOrder.objects.visible_to(user), user=user).with_coding()  # type: ignore[attr-defined]
    page = keyset_page(qs, flt, limit=int(params["limit"]), cursor=params.get("cursor"))
    data = schemas.WorkOrderPage.model_validate(
        {"items": [schemas.item(wo) for wo in page.items], "next_cursor": page.next_cursor}
    ).model_dump()
    return json.dumps(data, cls=NinjaJSONEncoder)


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: ",".join(q) or "all")
def test_every_page_is_the_same_json_as_before(api_as, people, plant, query):
    client = api_as(people["planner"])
    params: dict[str, str] = {**query, "limit": "4"}
    pages = 0
    while True:
        answer = client.get("/work-orders", params=params)
        assert answer.status_code == 200, answer.text
        assert answer.text == _reference(people["planner"], params)
        pages += 1
        cursor = answer.json()["next_cursor"]
        if not cursor:
            break
        params["cursor"] = cursor
    assert pages >= 1


def test_rows_show_retired_and_inactive_coding_and_empty_relations(api_as, people, plant):
    items = api_as(people["planner"]).get("/work-orders", params={"limit": 100}).json()["items"]
    assert len(items) == len(plant)
    south = [i for i in items if i["site"] == "SOUTH"]
    regular = CodeValue.objects.get(
        characteristic__site__code="SOUTH", characteristic__key="funding", abbreviation="R"
    )
    expected = {"abbreviation": "R", "value": regular.value}
    assert south and all(i["funding"] == expected for i in south)
    assert any(i["asset"] is None and i["trade"] is None for i in items)
    assert any(i["assigned_to"] == "technician" and i["crew"] == "UTIL-MECH" for i in items)


def test_a_token_call_costs_a_few_queries_whatever_the_page_size(people, plant):
    # given a list asked for once with its token (the owner, coding, subtree are remembered)
    secret = create_token(actor=people["planner"], user=people["planner"]).secret
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    query = {"reason": "SA,EN", "status": "backlog", "asset": "L-1"}
    assert client.get("/api/v1/work-orders", query).status_code == 200
    counts = {}
    for limit in (2, 100):
        params = {"limit": limit, **query}
        with CaptureQueriesContext(connection) as queries:
            answer = client.get("/api/v1/work-orders", params)
        assert answer.status_code == 200
        counts[limit] = len(queries)
    # then two: the page, and the names of what its rows point to (the token, the coding
    # and the asset subtree are remembered for a few seconds)
    assert counts[2] == counts[100] == 2


@pytest.mark.parametrize(
    ("key", "abbreviations"),
    [("reason", ["SA", "ZZ"]), ("shift", ["D", "N", "X"]), ("colour", ["R"]), ("funding", ["R"])],
)
def test_the_coding_books_find_what_the_database_finds(people, plant, key, abbreviations):
    # given the planner's two sites (funding is inactive at one of them)
    site_ids = sorted(people["planner"].site_ids())
    from_books: list[Any] = []
    from_queries: list[Any] = []
    # when the filter's values are looked up in the cached books and in the database
    found = _value_ids(key, abbreviations, site_ids, from_books, CodingBook.for_sites(site_ids))
    queried = _value_ids(key, abbreviations, site_ids, from_queries, {})
    # then the same ids and the same errors
    assert sorted(found) == sorted(queried)
    assert from_books == from_queries
