"""Reads with SQL compiled once give the same objects as the ORM queryset they are built from."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from wrench.assets.models import Asset
from wrench.core import clock
from wrench.core.prepared import Prepared
from wrench.testing import factories
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import _LOCKED_BY_NUMBER, ANSWERED_WITH

pytestmark = pytest.mark.django_db


def _values(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_a_work_order_and_its_related_objects_are_those_the_orm_reads(site, people):
    pump = factories.AssetFactory(
        site=site, code="P-7", warranty_end=clock.now().date() + dt.timedelta(days=9)
    )
    made = factories.work_order(
        site, people["supervisor"], asset=pump, assigned_to=people["technician"]
    )
    with transaction.atomic():
        (found,) = _LOCKED_BY_NUMBER.rows(made.number)
        (again,) = _LOCKED_BY_NUMBER.rows(made.number)  # the compiled SQL, run again
    orm = WorkOrder.objects.select_related(*ANSWERED_WITH).get(number=made.number)
    for obj in (found, again):
        assert _values(obj) == _values(orm)
        for name in ANSWERED_WITH:
            related, expected = getattr(obj, name), getattr(orm, name)
            assert (related is None) == (expected is None), name
            if expected is not None:
                assert _values(related) == _values(expected), name
        assert obj.assigned_to.username == "technician"
        assert obj.asset.under_warranty()
    with transaction.atomic():
        assert _LOCKED_BY_NUMBER.rows("NORTH-999999") == []


def test_site_rows_and_an_asset_by_code(site, other_site, people):
    planner = people["planner"]
    planner.sites.add(other_site)
    assert [s.code for s in planner.site_rows()] == ["NORTH", "SOUTH"]
    assert planner.site_ids() == {site.pk, other_site.pk}
    factories.AssetFactory(site=site, code="P-7")
    by_code = Prepared("is", lambda s, c: Asset.objects.filter(site_id=s, code=c).order_by())
    (pump,) = by_code.rows(site.pk, "P-7")
    assert _values(pump) == _values(Asset.objects.get(site=site, code="P-7"))
    assert by_code.rows(other_site.pk, "P-7") == []


def test_a_query_with_a_parameter_that_is_no_argument_is_refused(site):
    with pytest.raises(ValueError, match="not a prepared read"):
        Prepared("i", lambda s: Asset.objects.filter(site_id=s, code="P-7")).rows(site.pk)
