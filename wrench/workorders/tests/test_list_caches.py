"""What a list remembers for a few seconds (asset subtrees, the sites' coding) is forgotten
at once on a change in this process, and re-read within the time after one elsewhere."""

from __future__ import annotations

import datetime as dt

import pytest

from wrench.assets.models import Asset, Site, new_coding_version
from wrench.coding.book import CodingBook
from wrench.coding.models import Characteristic, CodeValue
from wrench.coding.services import add_value
from wrench.core import clock
from wrench.core.errors import ValidationFailed
from wrench.testing import factories
from wrench.workorders.api import CODING_TRUSTED_FOR
from wrench.workorders.filters import WorkOrderFilter
from wrench.workorders.models import WorkOrder
from wrench.workorders.subtrees import REMEMBER_FOR

pytestmark = pytest.mark.django_db


def _numbers(people, query, books=None):
    planner = people["planner"]
    flt = WorkOrderFilter.from_query(query)
    qs = flt.apply(WorkOrder.objects.visible_to(planner), user=planner, books=books)
    return set(qs.values_list("number", flat=True))


def test_a_new_asset_joins_its_subtree_at_once_or_within_the_time(site, people):
    line = factories.AssetFactory(site=site, code="L-1")
    factories.work_order(site, people["supervisor"], asset=line)
    assert len(_numbers(people, {"asset": "L-1"})) == 1  # the subtree is remembered now
    # when a pump is added below the line through the model (this process)
    pump = factories.AssetFactory(site=site, code="P-1", parent=line)
    factories.work_order(site, people["supervisor"], asset=pump)
    # then the next list counts it at once
    assert len(_numbers(people, {"asset": "L-1"})) == 2
    # when another process adds a valve below the line (no signal reaches this one)
    valve = Asset.objects.bulk_create([Asset(site=site, code="V-1", name="Valve", parent=line)])[0]
    Asset.objects.filter(pk=valve.pk).update(path=f"{line.path}{valve.pk}/")
    WorkOrder.objects.filter(asset=pump).update(asset=valve)
    # then a list sees it once the remembered subtree is older than REMEMBER_FOR
    with clock.travel_to(clock.now() + REMEMBER_FOR + dt.timedelta(seconds=1)):
        assert len(_numbers(people, {"asset": "L-1"})) == 2


def test_a_new_code_value_is_known_to_the_list_at_once_or_within_the_time(site, people):
    factories.work_order(site, people["supervisor"], codes={"reason": "SA"})
    reason = Characteristic.objects.get(site=site, key="reason")
    site_ids = [site.pk]
    CodingBook.for_sites(site_ids, trust_for=CODING_TRUSTED_FOR)  # confirmed just now
    # when a value is added through the service (this process): the list knows it at once
    add_value(characteristic=reason, abbreviation="QQ", value="Quality", definition="Quality")
    books = CodingBook.for_sites(site_ids, trust_for=CODING_TRUSTED_FOR)
    assert _numbers(people, {"reason": "QQ"}, books) == set()
    # when another process adds one (its version bump reaches only the database)
    CodeValue.objects.bulk_create(
        [CodeValue(characteristic=reason, abbreviation="ZZ", value="Other", definition="x")]
    )
    Site.objects.filter(pk=site.pk).update(coding_version=new_coding_version())
    books = CodingBook.for_sites(site_ids, trust_for=CODING_TRUSTED_FOR)
    with pytest.raises(ValidationFailed):  # still the remembered book
        _numbers(people, {"reason": "ZZ"}, books)
    # then the list asks again once the confirmation is older than the trusted time
    with clock.travel_to(clock.now() + CODING_TRUSTED_FOR + dt.timedelta(seconds=1)):
        books = CodingBook.for_sites(site_ids, trust_for=CODING_TRUSTED_FOR)
    assert _numbers(people, {"reason": "ZZ"}, books) == set()
