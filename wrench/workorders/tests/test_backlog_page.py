"""The backlog page through Django's test client: the default view, chips, columns, legend."""

from __future__ import annotations

import re
from html import unescape

from wrench.testing import factories
from wrench.workorders import services
from wrench.workorders.models import SavedView


def _numbers(html: str) -> list[str]:
    return re.findall(r'<tr data-number="([^"]+)"', html)


def _headers(html: str) -> list[str]:
    head = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return [
        re.sub(r"<[^>]+>|[▲▼]", "", h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", head)
    ]


def test_the_backlog_opens_on_open_work_by_priority(client, site, people):
    # given closed-out work (rejected) with the highest priority and two open requests
    rejected = factories.work_order(site, people["requester"], title="Old", priority=999)
    services.transition(rejected, "RJ", actor=people["supervisor"], reason="Duplicate")
    low = factories.work_order(site, people["requester"], priority=100)
    high = factories.work_order(site, people["requester"], priority=800)
    client.force_login(people["planner"])
    # when the planner opens the bare backlog
    html = client.get("/backlog/").content.decode()
    # then only open work shows, highest priority first, and the chip says so
    assert _numbers(html) == [high.number, low.number]
    assert "Status: open" in html
    # and "any status" (an empty status) shows everything
    assert rejected.number in _numbers(client.get("/backlog/?status=").content.decode())


def test_codes_carry_their_value_on_hover_and_in_a_legend(client, site, people):
    wo = factories.work_order(site, people["requester"], codes={"urgency": "U", "reason": "SA"})
    client.force_login(people["planner"])
    html = client.get("/backlog/").content.decode()
    row = html.split(f'<tr data-number="{wo.number}">', 1)[1].split("</tr>", 1)[0]
    assert '<abbr class="code" title="Urgent">U</abbr>' in row
    assert '<abbr class="code" title="Safety">SA</abbr>' in row
    legend = html.split('data-testid="legend"', 1)[1].split("</dl>", 1)[0]
    assert '<span class="code">E</span> Emergency' in legend


def test_a_chosen_value_is_a_chip_that_removes_itself(client, site, people):
    client.force_login(people["planner"])
    html = client.get("/backlog/?status=open&reason=SA,EN").content.decode()
    chips = html.split('data-testid="chips"', 1)[1].split("</div>", 1)[0]
    assert "WO – Reason: SA – Safety" in chips
    assert 'href="?status=open&amp;reason=EN"' in chips  # SA's chip: the same view without SA
    # the reason select offers only what is not chosen yet, and keeps the chosen ones
    assert '<input type="hidden" name="reason" value="SA">' in html
    select = html.split('id="f_reason"', 1)[1].split("</select>", 1)[0]
    assert 'value="SA"' not in select and 'value="OP"' in select


def test_columns_are_chosen_and_kept_with_the_saved_view(client, site, people):
    factories.work_order(site, people["requester"])
    client.force_login(people["planner"])
    html = client.get("/backlog/?status=open&cols=number&cols=title&cols=assigned_to").content
    assert _headers(html.decode()) == ["Number", "Title", "Assigned to"]
    saved = unescape(re.search(r'name="query" value="([^"]+)"', html.decode()).group(1))
    assert "cols=number%2Ctitle%2Cassigned_to" in saved
    answer = client.post("/backlog/views/", {"name": "Mine", "query": saved}, follow=True)
    page = answer.content.decode()
    assert "View “Mine” saved." in page  # the feedback a person sees
    assert _headers(page) == ["Number", "Title", "Assigned to"]
    assert SavedView.objects.get(name="Mine").query == saved


def test_a_bad_filter_is_told_in_labels(client, site, people):
    client.force_login(people["planner"])
    html = client.get("/backlog/?status=XX").content.decode()
    alert = html.split('data-testid="filter-error"', 1)[1].split("</p>", 1)[0]
    assert "Status: unknown status &#x27;XX&#x27;" in alert
    assert "Value error" not in html
