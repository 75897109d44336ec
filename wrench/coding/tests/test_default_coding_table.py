"""The default work order coding matches the spec (seeds/003, "Work Order Coding"), row by row.

The expectations below are hand-copied from the spec, independently of wrench.coding.defaults:
for every characteristic, its values in the spec's order as (abbreviation, value, a distinctive
substring of the spec's definition for that row).
"""

from __future__ import annotations

import pytest

from wrench.coding.defaults import CHARACTERISTICS, CREWS, TRADES

FILTERING = "Used for filtering and sorting work order lists and reports"

EXPECTED: dict[str, list[tuple[str, str, str]]] = {
    "urgency": [
        ("E", "Emergency", "must be started immediately (any time of the day or night)"),
        ("U", "Urgent", "identified after the schedule cut-off time"),
        ("#", "Priority rating", "calculated using a tool such as a priority matrix"),
    ],
    "timing": [
        ("R", "“Run” or “Non Shutdown”", "can be performed with the plant operating"),
        ("A", "“Area shutdown”", "requires one area of the plant to be shut down"),
        ("M", "“Major shutdown” or “Shutdown”", "two or more parallel processing operations"),
        ("P", "“Shut preparation”", "required to prepare for any shutdown"),
        ("T", "“Total outage”", "requires the entire plant shut down"),
        ("U", "“Must run”", "can only be done while the equipment is running"),
        ("D", "Deadline", "Has a completion date which must be met"),
    ],
    "reason": [
        ("CA", "Capacity", "increase the operating rate of any process equipment"),
        ("CO", "Community relations", "landscaping, noise reduction"),
        ("CR", "Customer or investor relations", "favorable relationships with customers"),
        ("EN", "Environment", "compliance with environmental regulations"),
        ("ER", "Employee relations", "improve working conditions"),
        ("LE", "Legal requirement", "all regulations, except environmental"),
        ("OP", "Operations", "continues to do what it was designed to do"),
        ("QU", "Quality", "maintain product quality"),
        ("RI", "Reliability", "improve plant reliability"),
        ("SA", "Safety", "maintain or improve employee safety"),
    ],
    "action": [
        ("IN", "Inspection", "look-listen-touch-smell inspections"),
        ("SE", "Service", "“documented service”"),
        ("RE", "Repair", "correct a found defect or failure"),
        ("RB", "Rebuild", "“as-new” condition"),
        ("IM", "Improvement", "Physical changes to equipment"),
        ("NM", "Non-maintenance", "do not involve the performance of maintenance work"),
        ("VA", "Vibration analysis", "vibration levels of rotating equipment"),
        ("TH", "Thermography", "Infra-red inspection of equipment"),
        ("NT", "Non-destructive testing (NDT)", "ultrasonics, dye-penetrants and eddy-current"),
    ],
    "funding": [
        ("R", "Routine expense", "Used for general maintenance work"),
        ("M", "Major maintenance", "special budget provisions"),
        ("C", "Capital", "For capital projects and capital purchases"),
        ("W", "Warranty", "All work covered by a warranty"),
        ("I", "Inventory", "charged to the Storeroom inventory account"),
        ("D", "Disposal", "removed from Storeroom inventory for disposal or sale"),
    ],
    "initiated_by": [
        ("B", "Business", "business improvement opportunity"),
        ("E", "Engineering", "capital plan or other improvement program"),
        ("H", "Hours", "operating hours since the last inspection"),
        ("I", "Investigation", "root cause problem analysis investigation"),
        ("L", "Lubrication inspection", "Initiated by lubrication mechanics"),
        ("M", "Maintenance inspection", "scheduled maintenance inspection excluding vibration"),
        ("N", "NDT", "any non-destructive test, excluding vibration analysis"),
        ("O", "Operations inspection", "scheduled operator inspection"),
        ("S", "Shift log book", "recorded in a shift log book"),
        ("T", "Time", "elapsed time since the last inspection"),
        ("U", "Unscheduled observation", "not included elsewhere in this list of options"),
        ("V", "Vibration analysis", "Initiated by the vibration technicians"),
        ("W", "Work order", "result of other maintenance work"),
        ("A", "Other", "Use for non-maintenance work"),
    ],
}

EXPECTED_NAMES = {
    "urgency": "WO – Urgency",
    "timing": "WO – Timing",
    "reason": "WO – Reason",
    "action": "WO – Action",
    "funding": "WO – Funding",
    "initiated_by": "WO – How Initiated (“ID by”)",
}

EXPECTED_REQUIRED = {
    "urgency": "on_request",
    "timing": "before_approval",
    "reason": "before_approval",
    "action": "before_approval",
    "funding": "on_request",
    "initiated_by": "on_request",
}

# (key, abbreviation) -> effect keys; every other value has none
EXPECTED_EFFECT_KEYS = {
    ("urgency", "E"): ("bypass_approval", "emergency_report"),
    ("urgency", "U"): ("urgent_kpi",),
    ("funding", "M"): ("require_project_number",),
    ("funding", "C"): ("require_project_number",),
    ("funding", "W"): ("flag_warranty",),
    ("initiated_by", "H"): ("generated_by_system",),
    ("initiated_by", "T"): ("generated_by_system",),
}
EXPECTED_DEFAULTS = {("funding", "R"), ("initiated_by", "U")}

# The spec's "Priority rating" row has no process effect of its own, and its table has no
# table-wide one: it is the only value whose process_effect may be empty.
NO_PROCESS_EFFECT = {("urgency", "#")}

BY_KEY = {c.key: c for c in CHARACTERISTICS}


def test_characteristics_in_order():
    assert [c.key for c in CHARACTERISTICS] == list(EXPECTED)
    assert {c.key: c.name for c in CHARACTERISTICS} == EXPECTED_NAMES
    assert {c.key: c.required for c in CHARACTERISTICS} == EXPECTED_REQUIRED


@pytest.mark.parametrize("key", list(EXPECTED))
def test_values_match_the_spec(key):
    characteristic = BY_KEY[key]
    assert [(v.abbreviation, v.value) for v in characteristic.values] == [
        (abbreviation, value) for abbreviation, value, _ in EXPECTED[key]
    ]
    for value, (_, _, snippet) in zip(characteristic.values, EXPECTED[key], strict=True):
        assert snippet in value.definition, (key, value.abbreviation)


@pytest.mark.parametrize("key", list(EXPECTED))
def test_texts_are_not_empty(key):
    characteristic = BY_KEY[key]
    assert characteristic.described
    for value in characteristic.values:
        assert value.definition.strip(), (key, value.abbreviation)
        if (key, value.abbreviation) in NO_PROCESS_EFFECT:
            assert value.process_effect == ""
        else:
            assert value.process_effect.strip(), (key, value.abbreviation)


@pytest.mark.parametrize("key", ["timing", "reason", "action", "initiated_by"])
def test_table_wide_process_effect(key):
    assert all(v.process_effect == FILTERING for v in BY_KEY[key].values)


def test_specific_process_effects():
    urgency = {v.abbreviation: v for v in BY_KEY["urgency"].values}
    assert "The approval process is by-passed." in urgency["E"].process_effect
    assert urgency["U"].process_effect.startswith("“Urgent” work should be challenged.")
    assert "“break-in” work" in urgency["U"].definition
    assert "“Small job management”" in urgency["U"].definition
    funding = {v.abbreviation: v for v in BY_KEY["funding"].values}
    assert "over-ride the work order account code" in funding["M"].process_effect
    assert "over-ride the work order account code" in funding["C"].process_effect
    assert "track warranties" in funding["W"].process_effect
    assert "plant’s accounting procedures" in funding["I"].process_effect
    assert "surplus and obsolete stock" in funding["D"].process_effect


def test_expanded_action_list():
    action = BY_KEY["action"]
    parents = {v.abbreviation: v.parent for v in action.values}
    assert parents == {
        "IN": "",
        "SE": "",
        "RE": "",
        "RB": "",
        "IM": "",
        "NM": "",
        "VA": "IN",
        "TH": "IN",
        "NT": "IN",
    }
    assert [v.abbreviation for v in action.values].count("IN") == 1
    assert (
        "Expanded list: IN Inspections – All work required to assess the condition of equipment, "
        "except vibration analysis, thermography and NDT" in action.comments
    )
    for number in ("1. ", "2. ", "3. "):
        assert number in action.comments


def test_comments():
    assert "production loss tracking system" in BY_KEY["urgency"].comments
    assert "nothing to do with its priority or importance" in BY_KEY["timing"].comments
    assert "“must be at full load”" in BY_KEY["timing"].comments
    assert "primary purpose of the work" in BY_KEY["reason"].comments
    assert "first “inspector” to detect the failure" in BY_KEY["initiated_by"].comments


def test_effect_keys_and_defaults():
    for characteristic in CHARACTERISTICS:
        for value in characteristic.values:
            ident = (characteristic.key, value.abbreviation)
            assert value.effect_keys == EXPECTED_EFFECT_KEYS.get(ident, ()), ident
            assert value.is_default == (ident in EXPECTED_DEFAULTS), ident


def test_unique_abbreviations():
    for characteristic in CHARACTERISTICS:
        abbreviations = [v.abbreviation for v in characteristic.values]
        assert len(abbreviations) == len(set(abbreviations)), characteristic.key


def test_resources():
    assert [name for _, name in TRADES] == [
        "Mechanic (or millwright)",
        "Electrician",
        "Instrument technician",
        "Welder",
        "Engineer",
        "Operator",
        "Gas tester",
        "Vendor’s representative",
        "Safety watch",
        "Contractor",
        "Consultant",
    ]
    assert [name for _, name in CREWS] == [
        "Utilities area mechanical crew",
        "Utilities area operating crew",
        "Process area #1 electrical/instrument crew",
        "Process area #1 operators",
    ]
    for code, _ in TRADES + CREWS:
        assert code == code.upper()
        assert code
    assert len({code for code, _ in TRADES}) == len(TRADES)
    assert len({code for code, _ in CREWS}) == len(CREWS)
