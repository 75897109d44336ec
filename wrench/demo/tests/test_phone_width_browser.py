"""Every page of every role fits a 390 px phone: no sideways scrolling of the whole page.

The pages come from the URL confs (wrench.testing.pages), filled from the demo plant; each
role visits each page it may open (200, HTML) in Debian's Chromium at 390×844 and the page's
scroll width must not pass the screen's. Tables and boards may scroll inside their own box.
"""

from __future__ import annotations

from typing import Any

import pytest

from wrench.accounts.models import User
from wrench.accounts.roles import Role
from wrench.testing.browser import PHONE, screenshot
from wrench.testing.pages import Pattern, page_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Routes no role opens as a page with the demo data, and why (a new page must not hide here).
NOT_A_PAGE_WITH_DEMO_DATA = {"imports/<int:pk>/"}  # the demo plant has no import run


# The page's scroll width and the outermost elements that pass the screen's right edge
# (those inside a box that scrolls or clips do not widen the page and are left out).
_WIDEST = """(screen) => {
  const clipped = (e) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return true;
    }
    return false;
  };
  const name = (e) => e.tagName.toLowerCase() + [...e.classList].map((c) => "." + c).join("");
  const wide = [];
  for (const e of document.querySelectorAll("body *")) {
    const right = e.getBoundingClientRect().right;
    if (right > screen + 1 && !clipped(e) && e.parentElement.getBoundingClientRect().right <= screen + 1) {
      wide.push(name(e.parentElement) + ">" + name(e) + " " + Math.round(right) + " px");
    }
  }
  return [document.scrollingElement.scrollWidth, wide.slice(0, 5)];
}"""


def _values(pattern: Pattern) -> dict[str, list[str]]:
    from wrench.assets.models import Asset, Crew, Downtime, Site
    from wrench.imports.models import ImportRun
    from wrench.reports.catalog import REPORTS
    from wrench.scheduling.models import ScheduleWeek
    from wrench.workorders.attachments import Attachment
    from wrench.workorders.models import WorkOrder

    site = Site.objects.get(code="MILL")
    downtime = Downtime.objects.filter(site=site).select_related("asset").first()
    asset = downtime.asset if downtime else Asset.objects.filter(site=site).first()
    crew = Crew.objects.filter(site=site).first()
    wos = WorkOrder.objects.filter(site=site)
    numbers = [
        wo.number
        for wo in (
            wos.filter(status="IP").order_by("-id").first(),
            wos.filter(status="WR").order_by("-id").first(),
            wos.filter(status="CO").order_by("-id").first(),
        )
        if wo
    ]
    by_name = {
        "imports:run": [str(pk) for pk in ImportRun.objects.values_list("pk", flat=True)[:1]],
        "attachment": [str(pk) for pk in Attachment.objects.values_list("pk", flat=True)[:1]],
    }
    pk = by_name.get(pattern.name.replace("-thumb", ""), [str(downtime.pk if downtime else 1)])
    crew_routes = pattern.name.startswith("schedule-")
    return {
        "number": numbers,
        "code": [crew.code if crew_routes and crew else asset.code if asset else ""],
        "pk": pk,
        "slug": sorted(REPORTS),
        "fmt": ["csv"],
        "schedule_id": [str(w.pk) for w in ScheduleWeek.objects.filter(site=site)[:1]],
        "site_id": [str(site.pk)],
        "key": ["urgency"],
        "item": ["1"],  # a checklist item: its routes answer POST only
        "rest": ["nothing"],
    }


def _pages_of(client: Any, user: User, urls: list[str]) -> list[str]:
    """The URLs that are a page for `user`: 200, a whole HTML document."""
    client.force_login(user)
    pages = []
    for url in urls:
        answer = client.get(url)
        kind = answer.get("Content-Type", "")
        if answer.status_code != 200 or answer.streaming or not kind.startswith("text/html"):
            continue  # not a page: a refusal, a POST-only route, a file
        if b"<html" in answer.content[:400]:
            pages.append(url)
    client.logout()
    return pages


def test_every_page_of_every_role_fits_a_phone(login, client, live_server: Any) -> None:
    from wrench.demo.load import load_demo

    load_demo(say=lambda _: None)
    urls, unfilled = page_urls(_values)
    assert not set(unfilled) - NOT_A_PAGE_WITH_DEMO_DATA, f"no data to open {unfilled}"
    too_wide: list[str] = []
    seen: set[str] = set()
    for role in Role:
        user = User.objects.get(username=role.value)
        # A report is drawn alike for everyone who may read it: one role visits them.
        mine = [u for u in urls if role == Role.MANAGER or not u.startswith("/reports/")]
        pages = _pages_of(client, user, mine)
        seen.update(pages)
        page = login(role.value, phone=True, password="wrench")
        for url in pages:
            page.goto(url)
            width, wide = page.evaluate(_WIDEST, PHONE["width"])
            if width > PHONE["width"]:
                too_wide.append(f"{role.value} {url}: {width} px; {', '.join(wide)}")
                screenshot(page, f"too-wide-{role.value}-{url.strip('/').replace('/', '_')}")
    print(f"{len(seen)} pages checked")
    assert len(seen) > 20, sorted(seen)
    assert not too_wide, "\n".join(too_wide)
