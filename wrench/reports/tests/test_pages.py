"""Every report page, export and the packet answer with real figures for the demo plant."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from wrench.accounts.models import User
from wrench.reports.catalog import REPORTS
from wrench.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def manager(demo) -> Client:
    client = Client()
    client.force_login(User.objects.get(username="manager"))
    return client


@pytest.mark.parametrize("slug", list(REPORTS))
def test_each_report_page_shows_tables_and_a_chart(manager: Client, slug: str) -> None:
    # given the demo plant; when the manager opens the report over the last year
    page = manager.get(f"/reports/{slug}/", {"from": "2000-01-01"} if slug != "emergency" else {})
    # then the page has its title, at least one chart as inline SVG and an export link
    assert page.status_code == 200, page.content[:500]
    html = page.content.decode()
    assert "<h1>" in html and "<svg" in html and f"/reports/{slug}.xlsx" in html


@pytest.mark.parametrize("slug", list(REPORTS))
def test_each_report_exports_csv_and_xlsx(manager: Client, slug: str) -> None:
    query = {"from": "2000-01-01"}
    sheet = manager.get(f"/reports/{slug}.xlsx", query)
    assert sheet.status_code == 200
    book = load_workbook(io.BytesIO(sheet.content))
    assert book.sheetnames  # one sheet per table (and KPIs)
    text = manager.get(f"/reports/{slug}.csv", query).content.decode()
    header = next(csv.reader(io.StringIO(text)))
    assert header and all(header)


def test_breakdown_of_demo_by_reason_crossed_with_action_adds_up(manager: Client) -> None:
    got = manager.get(
        "/reports/breakdown.csv", {"from": "2000-01-01", "by": "reason", "cross": "action"}
    )
    rows = list(csv.DictReader(io.StringIO(got.content.decode())))
    assert sum(int(r["Work orders"]) for r in rows) == WorkOrder.objects.count()


def test_emergency_pdf_and_packet_pdf(manager: Client) -> None:
    pdf = manager.get("/reports/emergency.pdf", {"from": "2000-01-01"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    wo = WorkOrder.objects.filter(status="SC").first()
    assert wo is not None
    packet = manager.get(f"/reports/work-orders/{wo.number}/packet.pdf")
    assert packet.status_code == 200 and packet.content.startswith(b"%PDF")


def test_a_bad_parameter_says_what_is_allowed(manager: Client) -> None:
    page = manager.get("/reports/breakdown/", {"by": "colour"})
    assert page.status_code == 400
    assert "cannot group by" in page.content.decode() and "reason" in page.content.decode()
    assert manager.get("/reports/backlog/", {"from": "yesterday"}).status_code == 200  # no period
    assert manager.get("/reports/kpis/", {"from": "yesterday"}).status_code == 400
