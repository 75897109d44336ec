"""A code's definition as a person at the plant reads it: without the spec's pointers to its
own articles ("see our scheduling videos", "See “Small job management” for details"), which
mean nothing in the plant, and split into its first sentence and the rest (shown on "more")."""

from __future__ import annotations

import re

# The spec points at its own articles and videos; those references are not the plant's.
_SPEC_POINTERS = (
    re.compile(r"\s*For a practical [^.]*?see our [^.]*\."),
    re.compile(r"\s*[^.]*\bsee our [^.]*\."),
    re.compile(r"\s*See “[^”“]+[”“] for details\."),
    re.compile(r"\s*\(see “[^”“]+[”“]\)"),
    re.compile(r"\s*, which is outside the scope of this article"),
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


def for_people(text: str) -> str:
    """The definition without the spec's references to its own articles."""
    for pattern in _SPEC_POINTERS:
        text = pattern.sub("", text)
    return text.strip()


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(for_people(text), maxsplit=1)[0]


def after_first_sentence(text: str) -> str:
    parts = _SENTENCE_END.split(for_people(text), maxsplit=1)
    return parts[1] if len(parts) > 1 else ""
