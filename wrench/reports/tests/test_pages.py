"""Every report page, export and the packet answer with real figures for a small plant.

The demo plant is too slow to load per test; its pages were checked by eye."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from wrench.assets.models import Downtime
from wrench.core import clock
from wrench.reports.catalog import REPORTS
from wrench.reports.tests.helpers import at, charged, completed, made_ready, raised
from wrench.testing import factories
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import transition

NOW = at("2026-03-09", 12)

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(site, people) -> Client:
    """A small plant: a planned job charged and completed, an emergency with downtime,
    a job waiting in the backlog for a major shutdown, and a fresh request."""
    mech = factories.trade(site, "MECH")
    people["technician"].trade = mech
    people["technician"].save()
    pump: Any = factories.AssetFactory(site=site)
    job = raised(site, people, at("2026-03-02"), asset=pump, estimated_hours=4)
    made_ready(job, people, at("2026-03-02", 10))
    charged(job, people, "2026-03-03", "5")
    completed(job, people, at("2026-03-03", 16))
    e = raised(site, people, at("2026-03-08", 22), urgency="E", asset=pump)
    charged(e, people, "2026-03-08", "2")
    Downtime.objects.create(
        site=site,
        asset=pump,
        work_order=e,
        started_at=at("2026-03-08", 21),
        ended_at=at("2026-03-09", 1),
        recorded_by=people["supervisor"],
        recorded_at=NOW,
    )
    backlog = raised(site, people, at("2026-02-01"), codes={"timing": "M"}, estimated_hours=12)
    with clock.travel_to(at("2026-02-01", 10)):
        transition(backlog, "BL", actor=people["supervisor"])
    raised(site, people, at("2026-03-09", 8))
    client = Client()
    client.force_login(people["manager"])
    return client


@pytest.mark.parametrize("slug", list(REPORTS))
def test_each_report_page_shows_tables_and_a_chart(manager: Client, slug: str) -> None:
    # given the small plant; when the manager opens the report over all time
    page = manager.get(f"/reports/{slug}/", {"from": "2000-01-01"} if slug != "emergency" else {})
    # then the page has its title, at least one chart (an SVG image) and an export link
    assert page.status_code == 200, page.content[:500]
    html = page.content.decode()
    assert (
        "<h1>" in html
        and 'src="data:image/svg+xml;base64,' in html
        and f"/reports/{slug}.xlsx" in html
    )


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


def test_breakdown_by_reason_crossed_with_action_adds_up(manager: Client) -> None:
    got = manager.get(
        "/reports/breakdown.csv", {"from": "2000-01-01", "by": "reason", "cross": "action"}
    )
    rows = list(csv.DictReader(io.StringIO(got.content.decode())))
    assert sum(int(r["Work orders"]) for r in rows) == WorkOrder.objects.count()


def test_emergency_pdf_and_packet_pdf(manager: Client) -> None:
    pdf = manager.get("/reports/emergency.pdf", {"from": "2000-01-01"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    wo = WorkOrder.objects.filter(status="BL").first()
    assert wo is not None
    packet = manager.get(f"/reports/work-orders/{wo.number}/packet.pdf")
    assert packet.status_code == 200 and packet.content.startswith(b"%PDF")


def test_a_bad_parameter_says_what_is_allowed(manager: Client) -> None:
    page = manager.get("/reports/breakdown/", {"by": "colour"})
    assert page.status_code == 400
    assert "cannot group by" in page.content.decode() and "reason" in page.content.decode()
    assert manager.get("/reports/backlog/", {"from": "yesterday"}).status_code == 200  # no period
    assert manager.get("/reports/kpis/", {"from": "yesterday"}).status_code == 400


def test_site_area_and_asset_are_pickers_and_the_chosen_asset_is_shown(
    manager: Client, site
) -> None:
    pump: Any = Downtime.objects.get().asset
    area = factories.AreaFactory(site=site, code="FLOT", name="Flotation")
    # when the manager narrows the KPIs to the pump, having typed in the asset search
    page = manager.get(
        "/reports/kpis/",
        {"from": "2000-01-01", "asset": pump.code, "asset_q": "pu", "site": "", "urgency": "E"},
    )
    html = page.content.decode()
    # then site and area are choices of the manager's own, and the asset is shown as chosen
    assert page.status_code == 200
    assert f'<option value="{site.code}">{site.code} {site.name}</option>' in html
    assert f'<option value="{area.code}">{area.code} Flotation</option>' in html
    assert 'data-testid="chosen-asset"' in html and f'value="{pump.code}"' in html
    # the search box's text and empty choices stay out of the export links; a code filter
    # from a link is kept for the next "Show"
    assert f"/reports/kpis.xlsx?from=2000-01-01&amp;asset={pump.code}&amp;urgency=E" in html
    assert '<input type="hidden" name="urgency" value="E">' in html


def test_the_asset_search_of_a_report_leaves_out_the_request_page_hint(manager: Client) -> None:
    found = manager.get("/request/assets/", {"asset_q": "zzz-nothing", "for": "report"})
    assert "No asset matches" in found.content.decode()
    assert "Location" not in found.content.decode()
    on_request = manager.get("/request/assets/", {"asset_q": "zzz-nothing"})
    assert "Say where it is under Location" in on_request.content.decode()
