"""The Content-Security-Policy holds on the real pages: every page a role opens loads in
Chromium with zero CSP violations (no inline script, no style= attribute, no foreign host)."""

from __future__ import annotations

from typing import Any

import pytest

from wrench.testing import factories
from wrench.workorders import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each violation the page reports to itself (the event fires for every refused script,
# style or image) is kept where the test can read it.
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' +
                    (e.sourceFile || '') + ':' + e.lineNumber);
});
"""

PAGES = {
    "planner": [
        "/",
        "/wo/{number}/",
        "/backlog/",
        "/coding/",
        "/reports/backlog/",
        "/reports/emergency/",
        "/requisitions/",
        "/receiving/",
        "/assets/P-101/",
        "/assets/labels/",
        "/inbox/",
        "/schedule/",
        "/imports/",
    ],
    "supervisor": ["/review/", "/my/work/", "/wo/{number}/"],
    "manager": ["/approvals/", "/reports/"],
    "requester": ["/request/", "/r/P-101", "/my/requests/"],
}


def _violations(page: Any, path: str, console: list[str]) -> list[str]:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    found = [f"{path}: {v}" for v in page.evaluate("window.__csp || []")]
    found += [f"{path}: {m}" for m in console if "Content Security Policy" in m]
    console.clear()
    return found


@pytest.mark.parametrize("role", list(PAGES))
def test_every_page_loads_with_zero_csp_violations(login, site, people, role):
    factories.AssetFactory(site=site, code="P-101", name="Feed pump")
    wo = factories.work_order(site, people["requester"], asset="P-101")
    services.transition(wo, "WA", actor=people["supervisor"])
    page = login(role)
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text))
    page.context.add_init_script(WATCH)
    problems: list[str] = []
    for path in PAGES[role]:
        problems += _violations(page, path.format(number=wo.number), console)
    assert problems == []


def test_the_admin_and_the_api_docs_hold_the_policy_too(login, site, django_user_model):
    django_user_model.objects.create_superuser("root", password="pw")
    page = login("root")
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text))
    page.context.add_init_script(WATCH)
    problems: list[str] = []
    for path in (
        "/admin/",
        "/admin/workorders/workorder/",
        "/admin/assets/asset/add/",
        "/admin/accounts/user/",
        "/api/v1/docs",
    ):
        problems += _violations(page, path, console)
    assert problems == []


def test_the_policy_is_sent_on_pages_and_the_api(client, people):
    client.force_login(people["planner"])
    policy = client.get("/").headers["Content-Security-Policy"]
    for part in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ):
        assert part in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
