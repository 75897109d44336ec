"""The list endpoint: filters, cursor pages, bounded queries, CSV and XLSX."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from wrench.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def plant(site, people):
    pump = factories.AssetFactory(site=site, code="P-1")
    return [
        factories.work_order(
            site,
            people["supervisor"],
            codes={"reason": "SA" if i % 2 else "EN"},
            asset=pump,
            priority=i % 5,
        )
        for i in range(12)
    ]


def test_pages_follow_the_cursor_to_the_end(api_as, people, plant):
    client = api_as(people["planner"])
    seen, cursor = [], None
    while True:
        params = {"limit": 5, "sort": "-priority,number"}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/work-orders", params=params).json()
        seen += [i["number"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == 12 and len(set(seen)) == 12
    first = client.get("/work-orders", params={"limit": 1, "reason": "SA,EN"}).json()["items"][0]
    assert first["reason"]["abbreviation"] in ("SA", "EN")
    assert set(first["reason"]) == {"abbreviation", "value"}


def test_the_number_of_queries_does_not_grow_with_the_page(client, people, plant):
    client.force_login(people["planner"])
    # A first list fills what a worker remembers for a few seconds (the sites' coding).
    assert client.get("/api/v1/work-orders", {"limit": 1, "reason": "SA,EN"}).status_code == 200
    counts = {}
    for limit in (5, 100):
        with CaptureQueriesContext(connection) as queries:
            answer = client.get("/api/v1/work-orders", {"limit": limit, "reason": "SA,EN"})
        assert answer.status_code == 200
        assert len(answer.json()["items"]) == min(limit, 12)
        counts[limit] = len(queries)
    assert counts[5] == counts[100]


def test_bad_list_parameters_answer_400(api_as, people, plant):
    client = api_as(people["planner"])
    too_big = client.get("/work-orders", params={"limit": 501})
    assert too_big.status_code == 400
    assert too_big.json()["errors"][0]["field"] == "limit"
    bad_cursor = client.get("/work-orders", params={"cursor": "not-a-cursor!"})
    assert bad_cursor.status_code == 400
    assert bad_cursor.json()["errors"][0]["field"] == "cursor"
    bad_value = client.get("/work-orders", params={"reason": "ZZ"})
    assert bad_value.status_code == 400
    assert "allowed:" in bad_value.json()["errors"][0]["message"]
    bad_sort = client.get("/work-orders", params={"sort": "colour"})
    assert bad_sort.status_code == 400


def test_the_list_as_csv_and_xlsx_with_abbreviation_and_value(api_as, people, plant):
    client = api_as(people["planner"])
    answer = client.get("/work-orders", params={"format": "csv", "reason": "SA"})
    assert answer.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert len(rows) == 6
    assert {(r["reason"], r["reason_value"]) for r in rows} == {("SA", "Safety")}

    by_accept = client.get("/work-orders", headers={"Accept": "text/csv"})
    assert len(list(csv.DictReader(io.StringIO(by_accept.text)))) == 12

    xlsx = client.get("/work-orders", params={"format": "xlsx", "reason": "EN"})
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header, *body = list(sheet.values)
    assert len(body) == 6
    assert body[0][header.index("reason_value")] == "Environment"
