"""Every table that grows with the work carries `site`, so that a fleet can shard by site.

docs/scaling.md: a distributed PostgreSQL (Citus) keeps one site's rows together on one node
when every growing table carries the site. This walks every model of ours and fails when one
has no `site` key and is not argued onto REFERENCE: a new app's growing table fails here until
it has `site` (a field named `site`, or a `site_id` column) or a line below says why not.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.db.models import F

from wrench.coding.services import add_characteristic, add_value
from wrench.materials import services as materials
from wrench.materials.models import RequisitionLine
from wrench.planning import services as planning
from wrench.testing import factories
from wrench.workorders import services
from wrench.workorders.models import WorkOrder, WorkOrderCode

# Tables without `site`, and why each does not grow with the work. In Citus these are
# reference tables (copied to every node) or, for the people, looked up before a site is known.
REFERENCE: dict[str, str] = {
    # The sites themselves: every other table points at one.
    "assets.Site": "the sites themselves",
    # People work at several sites (User.sites) and log in before a site is chosen; a token is
    # looked up by its digest before the site is known. They grow with the people, not the work.
    "accounts.User": "people, at one or several sites",
    "accounts.ApiToken": "a person's tokens, found by digest before any site",
    # The coding: values belong to a characteristic, which carries the site. A few hundred per
    # site, edited by an admin; their history grows only with those edits.
    "coding.CodeValue": "configuration: values of a site's characteristic",
    "coding.HistoricalCodeValue": "the admin's edits of code values",
    # The job plan library: tasks, labour and parts of a job plan, which carries the site.
    # They grow with the library; applying a plan copies them into rows that carry the site.
    "planning.JobPlanTask": "configuration: a job plan's task list",
    "planning.JobPlanLabour": "configuration: a job plan's labour",
    "planning.JobPlanMaterial": "configuration: a job plan's parts",
    "planning.JobPlanCheck": "configuration: a job plan's checklist items",
    # How a person wants to be told (e-mail on or off): one row per person.
    "notifications.Preference": "a person's choice of e-mail",
    # A person's saved filters of the backlog page: a handful per person.
    "workorders.SavedView": "a person's saved list filters",
}


def _ours() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m._meta.app_config.name.startswith("wrench.")]


def _has_site(model: type[models.Model]) -> bool:
    return any(f.name == "site" or f.attname == "site_id" for f in model._meta.concrete_fields)


def test_every_table_that_grows_with_the_work_carries_its_site():
    # given every model of ours; then each has a site, or is argued onto REFERENCE
    missing = [
        m._meta.label for m in _ours() if not _has_site(m) and m._meta.label not in REFERENCE
    ]
    assert not missing, (
        f"these tables have no site: {missing}. Add `site` (a ForeignKey to assets.Site, filled "
        "from the row it belongs to, with a migration that backfills it), or, if the table does "
        "not grow with the work, argue it onto REFERENCE in this test (docs/scaling.md)"
    )


def test_the_reference_list_names_only_tables_that_exist_without_a_site():
    by_label = {m._meta.label: m for m in _ours()}
    stale = sorted(
        label for label in REFERENCE if label not in by_label or _has_site(by_label[label])
    )
    assert not stale, f"remove from REFERENCE (gone, or they carry site now): {stale}"


@pytest.mark.django_db
def test_rows_that_copy_their_parents_site_agree_with_it(site, people):
    # given a site with a characteristic an admin added, and work that writes every kind of
    # row whose site is a copy of its parent's: extra codes (one request, a bulk of them, an
    # edit, the failure coding at completion) and requisition lines (direct and for stock)
    shift = add_characteristic(site=site, key="shift", name="WO – Shift", described="Shift")
    add_value(characteristic=shift, abbreviation="N", value="Night", definition="18:00–06:00")
    add_value(characteristic=shift, abbreviation="D", value="Day", definition="06:00–18:00")
    supervisor, planner = people["supervisor"], people["planner"]
    wo = factories.approved_work_order(site, people, codes={"shift": "N"})
    services.create_work_orders(
        actor=supervisor,
        site=site,
        rows=[
            (
                {"title": f"Guard {i}", "description": "Missing"},
                {**factories.FULL_CODING, "shift": "D"},
            )
            for i in (1, 2)
        ],
    )
    services.update_work_order(wo, actor=supervisor, codes={"shift": "D"})
    planning.add_material(wo, actor=planner, quantity=2, description="Seal kit", unit_cost=150)
    materials.raise_requisition(wo, actor=planner)
    store, bearing = factories.storeroom(site), factories.stock_item(site)
    materials.raise_stock_requisition(actor=planner, storeroom=store, items=[(bearing, 4)])
    for to, who in (("PL", planner), ("WM", planner)):
        services.transition(wo, to, actor=who)
    WorkOrder.objects.filter(pk=wo.pk).update(status="IP")  # (the parts came; work started)
    services.transition(
        wo,
        "CO",
        actor=people["technician"],
        findings="Seal faces scored",
        failure={"problem": "ELP", "cause": "MISA", "remedy": "REPL"},
    )
    # then every such row carries the site of the row it belongs to
    codes = WorkOrderCode.objects.all()
    assert codes.count() == 6  # shift on three requests, problem, cause and remedy
    assert not codes.exclude(site_id=F("work_order__site_id")).exists()
    history = WorkOrderCode.history.all()
    assert history.count() >= 6
    assert {h.site_id for h in history} == {site.pk}
    lines = RequisitionLine.objects.all()
    assert lines.count() == 2
    assert not lines.exclude(site_id=F("requisition__site_id")).exists()
