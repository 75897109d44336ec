"""What a person reads: field labels, not the names the API and the code use."""

from __future__ import annotations

from wrench.core.errors import FieldError, ValidationFailed
from wrench.testing import factories
from wrench.workorders.words import label_of, page_detail, sentence


def test_an_error_names_the_fields_by_their_labels():
    error = ValidationFailed.collect(
        [FieldError("asset", "no asset X-1"), FieldError("estimated_cost", "a number")]
    )
    assert page_detail(error) == "the work order was not saved: check Asset, Estimated cost"
    assert sentence(error).endswith("Asset: no asset X-1 — Estimated cost: a number")
    assert label_of("needed_by") == "Needed by"


def test_the_work_order_page_tells_a_bad_edit_in_labels(client, site, people):
    wo = factories.work_order(site, people["requester"])
    client.force_login(people["planner"])
    html = client.post(
        f"/wo/{wo.number}/", {"asset": "NOPE-9", "estimated_cost": "lots", "title": wo.title}
    ).content.decode()
    assert "check Asset, Estimated cost" in html
    assert "asset, estimated_cost" not in html
