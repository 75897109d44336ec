"""The coding model: the spec's lists loaded in full, adapted by admins, never lost."""

from __future__ import annotations

import pytest

from wrench.coding import defaults
from wrench.coding.book import CodingBook
from wrench.coding.models import Characteristic, CodeValue
from wrench.coding.services import (
    add_characteristic,
    add_value,
    delete_value,
    load_default_coding,
    set_value_active,
)
from wrench.core.errors import Conflict, FieldError, ValidationFailed

pytestmark = pytest.mark.django_db


def test_a_new_site_gets_every_value_of_every_list_with_its_definition(site):
    # given a new site with the default coding, then each list is in the database exactly
    for spec in defaults.CHARACTERISTICS:
        ch = Characteristic.objects.get(site=site, key=spec.key)
        assert ch.name == spec.name
        assert ch.described == spec.described
        assert ch.required == spec.required
        stored = list(ch.values.order_by("position"))
        assert [v.abbreviation for v in stored] == [v.abbreviation for v in spec.values]
        for value, expected in zip(stored, spec.values, strict=True):
            assert value.value == expected.value
            assert value.definition == expected.definition and value.definition
            assert value.process_effect == expected.process_effect
            assert value.effect_keys == list(expected.effect_keys)
            assert (value.parent.abbreviation if value.parent else "") == expected.parent
    counts = {c.key: c.values.count() for c in Characteristic.objects.filter(site=site)}
    assert counts == {
        "urgency": 3,
        "timing": 7,
        "reason": 10,
        "action": 9,
        "funding": 6,
        "initiated_by": 14,
        # failure coding recorded at completion (wrench/coding/failure.py)
        "problem": 14,
        "cause": 14,
        "remedy": 8,
    }
    assert site.trade_set.count() == len(defaults.TRADES) == 11
    assert site.crew_set.count() == len(defaults.CREWS) == 4


def test_expanded_action_list_sits_under_inspection(site):
    inspection = CodeValue.objects.get(
        characteristic__site=site, abbreviation="IN", characteristic__key="action"
    )
    assert sorted(v.abbreviation for v in inspection.children.all()) == ["NT", "TH", "VA"]


def test_loading_again_keeps_what_the_plant_adapted(site):
    # given an admin edited a definition and deactivated a value
    urgent = CodeValue.objects.get(
        characteristic__site=site, characteristic__key="urgency", abbreviation="U"
    )
    urgent.definition = "Needed within 48 hours."
    urgent.save()
    set_value_active(
        value=CodeValue.objects.get(characteristic__site=site, abbreviation="CR"), active=False
    )
    # when the defaults load again
    load_default_coding(site=site)
    # then nothing was duplicated or undone
    urgent.refresh_from_db()
    assert urgent.definition == "Needed within 48 hours."
    assert not CodeValue.objects.get(characteristic__site=site, abbreviation="CR").active
    assert CodeValue.objects.filter(characteristic__site=site).count() == 49 + 36  # + failure


def test_each_site_has_its_own_coding(site, other_site):
    assert Characteristic.objects.filter(key="reason").count() == 2
    assert CodeValue.objects.filter(abbreviation="SA", characteristic__site=other_site).count() == 1


def test_a_value_of_another_characteristic_is_named_and_the_allowed_ones_listed(site):
    book = CodingBook.for_site(site.pk)
    error = book.resolve("urgency", "SA")
    assert isinstance(error, FieldError)
    assert error.field == "urgency"
    assert "'SA' is not a value of WO – Urgency" in error.message
    assert "SA is a value of WO – Reason" in error.message
    assert "allowed: E (Emergency), U (Urgent), # (Priority rating)" in error.message


def test_an_inactive_value_is_refused_with_the_active_ones(site):
    set_value_active(
        value=CodeValue.objects.get(characteristic__site=site, abbreviation="CR"), active=False
    )
    error = CodingBook.for_site(site.pk).resolve("reason", "CR")
    assert isinstance(error, FieldError)
    assert "inactive" in error.message and "CR (" not in error.message.split("allowed:")[1]


def test_admin_adds_a_characteristic_and_values(site):
    ch = add_characteristic(
        site=site, key="shift", name="WO – Shift", described="The shift that found it"
    )
    day = add_value(characteristic=ch, abbreviation="D", value="Day", definition="06:00–18:00")
    assert CodingBook.for_site(site.pk).resolve("shift", "D") == day
    with pytest.raises(Conflict):
        add_characteristic(site=site, key="shift", name="again", described="again")


def test_a_value_needs_a_definition_and_known_effect_keys(site):
    ch = Characteristic.objects.get(site=site, key="timing")
    with pytest.raises(ValidationFailed) as caught:
        add_value(
            characteristic=ch,
            abbreviation="F",
            value="Full load",
            definition=" ",
            effect_keys=["explode"],
        )
    fields = {e.field for e in caught.value.errors}
    assert fields == {"definition", "effect_keys"}
    assert not ch.values.filter(abbreviation="F").exists()


def test_an_unused_value_may_be_deleted(site):
    ch = Characteristic.objects.get(site=site, key="timing")
    full_load = add_value(
        characteristic=ch,
        abbreviation="F",
        value="Must be at full load",
        definition="For IR surveys",
    )
    delete_value(value=full_load)
    assert not ch.values.filter(abbreviation="F").exists()
