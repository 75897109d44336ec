"""Every text colour of the stylesheets against the background it is drawn on passes WCAG AA
(contrast ratio 4.5:1 for body text).

A rule that sets both `color` and `background` is checked against itself. A rule that sets only
`color` is checked against the background of the nearest rule whose selector is an ancestor
of it (`header.top a` sits on `header.top`), or else against both page backgrounds (the page's
`--bg` and a white card). Variables are resolved from `:root`; a translucent background is
laid over white.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

STATIC = Path(settings.BASE_DIR) / "wrench" / "static"
SHEETS = ("wrench.css", "assets.css", "utilities.css")
AA = 4.5
WHITE = (255, 255, 255)

# Rules left out, and why (WCAG 1.4.3 exempts text of inactive controls).
EXEMPT = {"button[disabled]"}

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_HEX = re.compile(r"#([0-9a-fA-F]{3,8})\b")


def _rules() -> list[tuple[str, dict[str, str]]]:
    found = []
    for name in SHEETS:
        text = re.sub(r"/\*.*?\*/", "", (STATIC / name).read_text(), flags=re.S)
        for selectors, body in _RULE.findall(text):
            decls = {}
            for part in body.split(";"):
                if ":" in part:
                    key, value = part.split(":", 1)
                    decls[key.strip()] = value.replace("!important", "").strip()
            for selector in selectors.split(","):
                found.append((" ".join(selector.split()), decls))
    return found


RULES = _rules()
VARS = {k: v for sel, d in RULES if sel == ":root" for k, v in d.items() if k.startswith("--")}


def _rgb(value: str) -> tuple[tuple[int, int, int], float] | None:
    """The colour named by a declaration (a hex, a var(), white), with its alpha, or None."""
    value = re.sub(r"var\((--[\w-]+)\)", lambda m: VARS.get(m.group(1), ""), value)
    if "white" in value.split():
        return WHITE, 1.0
    match = _HEX.search(value)
    if not match:
        return None
    digits = match.group(1)
    if len(digits) in (3, 4):
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]
    alpha = channels[3] / 255 if len(channels) == 4 else 1.0
    return (channels[0], channels[1], channels[2]), alpha


def _over_white(colour: tuple[tuple[int, int, int], float]) -> tuple[int, int, int]:
    (r, g, b), a = colour
    return (
        round(r * a + 255 * (1 - a)),
        round(g * a + 255 * (1 - a)),
        round(b * a + 255 * (1 - a)),
    )


def _luminance(rgb: tuple[int, int, int]) -> float:
    def lin(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(fg: tuple[int, int, int], bg: tuple[int, int, int]) -> float:
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _background(decls: dict[str, str]) -> tuple[int, int, int] | None:
    for key in ("background", "background-color"):
        if key in decls:
            colour = _rgb(decls[key])
            if colour is not None:
                return _over_white(colour)
    return None


def _ancestor_background(selector: str) -> tuple[int, int, int] | None:
    """The background of the longest other selector that this one's leading part matches."""
    parts = re.split(r"\s*>\s*|\s+", selector)
    for cut in range(len(parts) - 1, 0, -1):
        for sel, decls in RULES:
            if re.split(r"\s*>\s*|\s+", sel) == parts[:cut]:
                bg = _background(decls)
                if bg is not None:
                    return bg
    return None


def _shorter(selector: str) -> str:
    """The selector with the last class, attribute or pseudo-class of its last part removed
    (`button.danger` → `button`), or "" when nothing is left to remove."""
    cut = re.sub(r"(\.[\w-]+|\[[^\]]*\]|::?[\w-]+(\([^)]*\))?)$", "", selector)
    return cut if cut != selector and cut and not cut.endswith((" ", ">")) else ""


def _inherited_color(selector: str) -> str | None:
    """A rule that sets only a background keeps the text colour of its base rule."""
    base = _shorter(selector)
    while base:
        for sel, decls in RULES:
            if sel == base and "color" in decls:
                return decls["color"]
        base = _shorter(base)
    return None


def _pairs() -> list[tuple[str, tuple[int, int, int], tuple[int, int, int]]]:
    page = _over_white(_rgb(VARS["--bg"]) or (WHITE, 1.0))
    pairs = []
    for selector, decls in RULES:
        if selector in EXEMPT:
            continue
        colour = decls.get("color") or (_inherited_color(selector) if _background(decls) else None)
        if colour is None:
            continue
        fg = _rgb(colour)
        if fg is None:  # inherit, currentColor: checked where the colour is set
            continue
        text = _over_white(fg)
        own = _background(decls)
        grounds = [own] if own else [_ancestor_background(selector)]
        if grounds == [None]:
            grounds = [page, WHITE]
        for bg in grounds:
            if bg is not None:
                pairs.append((selector, text, bg))
    return pairs


PAIRS = _pairs()


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


def test_the_stylesheets_hold_text_colours_to_check() -> None:
    # given the three stylesheets, then the buttons and badges are among the pairs checked
    checked = {selector for selector, _, _ in PAIRS}
    assert {"button", "button.danger", "button.secondary", ".badge.E"} <= checked, sorted(checked)
    assert len(PAIRS) > 40


@pytest.mark.parametrize(
    ("selector", "fg", "bg"), PAIRS, ids=[f"{s} {_hex(f)}/{_hex(b)}" for s, f, b in PAIRS]
)
def test_text_colour_passes_wcag_aa(selector: str, fg: tuple, bg: tuple) -> None:
    assert ratio(fg, bg) >= AA, (
        f"{selector}: text {_hex(fg)} on {_hex(bg)} is {ratio(fg, bg):.2f}:1; WCAG AA needs {AA}:1"
    )


def test_ratio_matches_the_wcag_examples() -> None:
    assert ratio((0, 0, 0), WHITE) == pytest.approx(21)
    assert ratio((0x76, 0x76, 0x76), WHITE) == pytest.approx(4.54, abs=0.01)
