"""QR label sheets: the whole site's is drawn in the background with progress, and only
supervisors, planners and admins print sheets (one asset's label: anyone at the site)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from wrench.assets import labels
from wrench.assets.models import LabelSheet
from wrench.testing import factories

pytestmark = pytest.mark.django_db


def _as(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.mark.parametrize("role", ["requester", "technician", "scheduler", "manager"])
def test_other_roles_may_not_print_sheets_nor_start_the_site_sheet(site, people, role):
    factories.AssetFactory(site=site, code="P-101")
    client = _as(people[role])
    for answer in (
        client.get("/assets/labels/"),
        client.get("/assets/labels.pdf?area=100"),
        client.post("/assets/labels/site/"),
    ):
        assert answer.status_code == 403
        assert "needs the supervisor, planner or admin role" in answer.content.decode()
    assert not LabelSheet.objects.exists()
    one = client.get("/assets/labels.pdf?asset=P-101")  # one label: anyone at the site
    assert one.status_code == 200 and one.content.startswith(b"%PDF")


def test_the_site_sheet_is_queued_drawn_in_chunks_with_progress_then_downloaded(
    site, people, monkeypatch, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    for n in range(7):
        factories.AssetFactory(site=site, code=f"P-{n:03}")
    monkeypatch.setattr(labels, "CHUNK", 3)  # 7 labels: three chunks
    seen: list[int] = []
    real_draw = labels.draw

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(LabelSheet.objects.get().labels_done)
        return real_draw(*args, **kwargs)

    monkeypatch.setattr(labels, "draw", watched)
    planner = _as(people["planner"])
    # given the planner starts the whole site's sheet
    assert planner.get("/assets/labels.pdf").status_code == 302  # the site's: in the background
    with django_capture_on_commit_callbacks(execute=True):
        started = planner.post("/assets/labels/site/")
    sheet = LabelSheet.objects.get()
    assert (
        started.status_code == 302 and started["Location"] == f"/assets/labels/sheets/{sheet.pk}/"
    )
    task = DBTaskResult.objects.get()
    assert task.task_path == "wrench.assets.tasks.make_site_sheet"
    assert task.args_kwargs["args"] == [sheet.pk]
    # then its page polls and says it waits for the worker
    page = planner.get(started["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in page and "0 of 7 labels" in page and "db_worker" in page
    # when the worker draws it (twice delivered: drawn once)
    labels.make(sheet.pk)
    labels.make(sheet.pk)
    assert seen == [0, 3, 6]
    # then the page offers the PDF, without polling, and the PDF has every label's page
    polled = planner.get(started["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "Ready: 7 labels" in polled and "hx-trigger" not in polled
    pdf = planner.get(f"/assets/labels/sheets/{sheet.pk}.pdf")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    # and nobody at another site, nor a requester, sees it
    assert _as(people["requester"]).get(started["Location"]).status_code == 404


def test_a_sheet_of_another_site_is_not_found(site, other_site, people, make_user):
    sheet = LabelSheet.objects.create(
        site=other_site,
        base_url="http://x/",
        requested_by=people["planner"],
        created_at="2026-01-01T00:00Z",
    )
    assert _as(people["planner"]).get(f"/assets/labels/sheets/{sheet.pk}/").status_code == 404


def test_tick_sweeps_label_sheets_finished_over_a_week_ago_with_their_pdfs(site, people):
    from datetime import timedelta

    from django.core.files.storage import storages
    from django.core.management import call_command
    from django.utils import timezone

    factories.AssetFactory(site=site, code="P-101")
    storage = storages["attachments"]
    sheets = {}
    for name in ("old", "recent", "running"):
        sheet = labels.start_site_sheet(actor=people["planner"], site=site, base_url="http://x")
        if name != "running":
            labels.make(sheet.pk)
        sheets[name] = LabelSheet.objects.get(pk=sheet.pk)
    now = timezone.now()
    LabelSheet.objects.filter(pk=sheets["old"].pk).update(finished_at=now - timedelta(days=8))
    LabelSheet.objects.filter(pk=sheets["running"].pk).update(created_at=now - timedelta(days=30))
    assert storage.exists(sheets["old"].file) and storage.exists(sheets["recent"].file)
    call_command("tick", only="label_sweep")
    assert set(LabelSheet.objects.values_list("pk", flat=True)) == {
        sheets["recent"].pk,
        sheets["running"].pk,
    }
    assert not storage.exists(sheets["old"].file)
    assert storage.exists(sheets["recent"].file)
    call_command("tick", only="label_sweep")  # again: nothing more goes
    assert LabelSheet.objects.count() == 2
