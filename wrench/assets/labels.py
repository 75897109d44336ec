"""QR label sheets: who may print them, how a sheet is drawn, and the whole site's sheet as
a background task (a plant's few thousand labels take longer than a request may).

Each label opens a request for its asset (/r/<code>). An area's sheet (or one asset's
label) is drawn inside the request; the whole site's is a LabelSheet drawn by
`make_site_sheet` in chunks, so its page can show how far it got.
"""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import segno
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from wrench.assets.models import Asset, LabelSheet, Site
from wrench.core.errors import NotAllowed

# Who may print sheets (the navigation offers the page to the same people): supervisors
# and planners (they change work orders) and admins (they change assets).
PRINT_PERMISSIONS = ("workorders.change_workorder", "assets.change_asset")
MAX_AREA_LABELS = 600  # an area's sheet is drawn in the request; past this, use the site's
CHUNK = 105  # labels drawn per step of a site's sheet (5 pages of 21)


def may_print(user: Any) -> bool:
    return any(user.has_perm(p) for p in PRINT_PERMISSIONS)


def refusal(user: Any) -> str:
    return (
        "printing label sheets needs the supervisor, planner or admin role; you are "
        f"{user.role_label}"
    )


def labels(assets: QuerySet[Asset], base_url: str) -> list[dict[str, Any]]:
    found = []
    for asset in assets:
        url = f"{base_url.rstrip('/')}/r/{asset.code}"
        qr = segno.make(url, error="m").svg_data_uri(scale=4, border=1)
        found.append({"asset": asset, "url": url, "qr": qr})
    return found


def draw(
    site: Site | None, area: str, rows: list[dict[str, Any]], base_url: str, heading: bool = True
) -> Any:
    """One WeasyPrint document of `rows`' labels (rendered, not yet written)."""
    from weasyprint import HTML  # here: slow to load, and only label sheets need it

    html = render_to_string(
        "assets/labels_pdf.html",
        {"labels": rows, "site": site, "area": area, "heading": heading},
    )
    return HTML(string=html, base_url=base_url).render()


def site_assets(site: Site) -> QuerySet[Asset]:
    return Asset.objects.filter(site=site, active=True).select_related("area").order_by("code")


def start_site_sheet(*, actor: Any, site: Site, base_url: str) -> LabelSheet:
    """Queue the whole site's sheet (the worker draws it); refused without the role."""
    if not may_print(actor) or site.pk not in actor.site_ids():
        raise NotAllowed(refusal(actor))
    from wrench.assets.tasks import make_site_sheet

    with transaction.atomic():
        sheet = LabelSheet.objects.create(
            site=site,
            labels_total=site_assets(site).count(),
            base_url=base_url[:300],
            requested_by=actor,
            created_at=timezone.now(),
        )
        transaction.on_commit(lambda: make_site_sheet.enqueue(sheet.pk))
    return sheet


def make(sheet_id: int) -> None:
    """Draw the sheet `sheet_id` chunk by chunk, saying how far it got; run twice, draw once."""
    claimed = LabelSheet.objects.filter(pk=sheet_id, status=LabelSheet.Status.QUEUED).update(
        status=LabelSheet.Status.RUNNING
    )
    if not claimed:
        return
    sheet = LabelSheet.objects.select_related("site").get(pk=sheet_id)
    try:
        assets = list(site_assets(sheet.site))
        pages: list[Any] = []
        first: Any = None
        for start in range(0, len(assets), CHUNK):
            chunk = labels(assets[start : start + CHUNK], sheet.base_url)  # type: ignore[arg-type]
            doc = draw(sheet.site, "", chunk, sheet.base_url, heading=start == 0)
            first = first or doc
            pages += doc.pages
            LabelSheet.objects.filter(pk=sheet_id).update(labels_done=start + len(chunk))
        if first is None:
            first = draw(sheet.site, "", [], sheet.base_url)
            pages = first.pages
        out = io.BytesIO()
        first.copy(pages).write_pdf(out)
        name = storages["attachments"].save(
            f"labels/{sheet.site.code}-{sheet.pk}.pdf", ContentFile(out.getvalue())
        )
        LabelSheet.objects.filter(pk=sheet_id).update(
            status=LabelSheet.Status.DONE, file=name, finished_at=timezone.now()
        )
    except Exception as exc:  # the page says it failed; the worker logs the trace
        LabelSheet.objects.filter(pk=sheet_id).update(
            status=LabelSheet.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise


# How long a finished sheet (and its PDF) is kept: print it, then it goes.
SHEET_DAYS = 7


def sweep_expired(*, now: Any = None, days: int = SHEET_DAYS) -> int:
    """Remove sheets finished (ready or failed) more than `days` ago, their PDFs with them;
    return how many. A sheet still queued or drawing is left to its worker. Run by
    `wrench tick` (`label_sweep`); running it twice removes nothing twice."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    storage = storages["attachments"]
    old = LabelSheet.objects.filter(
        status__in=(LabelSheet.Status.DONE, LabelSheet.Status.FAILED), finished_at__lt=cutoff
    )
    removed = 0
    for sheet in old.only("pk", "file"):
        if sheet.file:
            storage.delete(sheet.file)  # no error when the file is already gone
        removed += LabelSheet.objects.filter(pk=sheet.pk).delete()[0]
    return removed
