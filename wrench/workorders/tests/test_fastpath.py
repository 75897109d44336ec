"""Reads with SQL compiled once give the same objects as the ORM queryset they are built from."""

from __future__ import annotations

import datetime as dt
import inspect

import django
import pytest
import simple_history
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models import query as django_query
from django.db.models.base import ModelState

from wrench.assets.models import Asset
from wrench.core import clock
from wrench.core.fastpath import (
    Prepared,
    bare_instance,
    cache_related,
    keep_prefetched,
    mark_saved,
    prefetched,
)
from wrench.testing import factories
from wrench.workorders.models import WorkOrder
from wrench.workorders.querysets import LOCKED_WITH, _locked_by_number

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
        (found,) = _locked_by_number().rows(made.number)
        (again,) = _locked_by_number().rows(made.number)  # the compiled SQL, run again
    orm = WorkOrder.objects.select_related(*LOCKED_WITH).get(number=made.number)
    for obj in (found, again):
        assert _values(obj) == _values(orm)
        for name in LOCKED_WITH:
            related, expected = getattr(obj, name), getattr(orm, name)
            assert (related is None) == (expected is None), name
            if expected is not None:
                assert _values(related) == _values(expected), name
        assert obj.assigned_to.username == "technician"
        assert obj.asset.under_warranty()
    with transaction.atomic():
        assert _locked_by_number().rows("NORTH-999999") == []


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


# The versions core/fastpath.py was written and checked against. An upgrade fails here on
# purpose: re-read core/fastpath.py against the new release (the shape test below and the
# equality tests above say what it relies on), then move the pin.
CHECKED_AGAINST = {"django": (5, 2), "simple_history": (3, 13)}


def test_the_fast_path_is_re_checked_when_django_or_simple_history_is_upgraded():
    got = {
        "django": django.VERSION[:2],
        "simple_history": tuple(int(p) for p in simple_history.__version__.split(".")[:2]),
    }
    assert got == CHECKED_AGAINST, (
        f"{got} is not what core/fastpath.py was checked against ({CHECKED_AGAINST}): "
        "re-check its use of the compiler, populators, prefetch caches and tracked_fields"
    )


def test_the_django_internals_the_fast_path_uses_still_have_their_shape():
    qs = WorkOrder.objects.filter(number="X").select_related("site", "asset").order_by()
    compiler = qs.query.get_compiler(using=DEFAULT_DB_ALIAS)
    compiler.as_sql()
    info = compiler.klass_info
    assert {"model", "select_fields", "related_klass_infos"} <= set(info), sorted(info)
    assert isinstance(compiler.select, list) and isinstance(compiler.col_count, int)
    assert isinstance(compiler.annotation_col_map, dict)
    for name in ("get_converters", "apply_converters"):
        assert callable(getattr(compiler, name)), name
    populators = inspect.signature(django_query.get_related_populators).parameters
    assert list(populators)[:3] == ["klass_info", "select", "db"], list(populators)
    for name in ("adapt_datetimefield_value", "adapt_datefield_value", "quote_name"):
        assert callable(getattr(connection.ops, name)), name
    history = WorkOrder.history.model
    assert {f.attname for f in history.tracked_fields} >= {"status", "estimated_cost"}
    # A kept prefetch reads back without a query.
    made = WorkOrder(pk=1)
    keep_prefetched(made, "extra_codes", [])
    assert prefetched(made, "extra_codes") == []


def test_an_instance_made_without_init_is_what_the_orm_reads(site, people):
    """`bare_instance` relies on Model.from_db's way of making an instance (no __init__, a
    fresh ModelState with its related-object cache); this holds it equal to a real read."""
    requester = people["requester"]
    values = {f.attname: None for f in WorkOrder._meta.concrete_fields}
    values.update(site_id=site.pk, title="made bare", status="WR")
    made = bare_instance(WorkOrder, values, {"site": site})
    cache_related(made, "requester", requester)
    assert made._state.adding and made.site is site and made.requester is requester
    assert made.requester_id == requester.pk and made.title == "made bare"
    mark_saved(made)
    assert not made._state.adding and made._state.db == DEFAULT_DB_ALIAS
    fresh = ModelState()
    assert fresh.adding is True and fresh.db is None and fresh.fields_cache == {}
