"""A code's definition as the plant reads it: no pointers to the spec's own articles."""

from wrench.coding import wording
from wrench.coding.defaults import URGENCY


def _definition(abbreviation: str) -> str:
    return next(v.definition for v in URGENCY.values if v.abbreviation == abbreviation)


def test_the_spec_s_pointers_to_its_own_articles_and_videos_are_left_out():
    priority = wording.for_people(_definition("#"))
    assert "videos" not in priority and "Setting Priorities" not in priority
    assert priority.endswith("by which the backlog can be easily sorted.")
    assert "Small job management" not in wording.for_people(_definition("U"))


def test_a_definition_splits_into_its_first_sentence_and_the_rest():
    text = _definition("U")
    first = wording.first_sentence(text)
    assert first.endswith("important enough to break in to the current schedule.")
    assert wording.after_first_sentence(text).startswith("Any non-shutdown work")
    assert wording.after_first_sentence("One sentence only.") == ""
