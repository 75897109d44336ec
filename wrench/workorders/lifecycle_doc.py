"""docs/lifecycle.md's table of moves, generated from lifecycle.TABLE so it cannot drift
(`wrench lifecycle_doc --write` rewrites it; a test holds the file equal to the table)."""

from __future__ import annotations

from pathlib import Path

from wrench.workorders import lifecycle
from wrench.workorders.status import Status

DOC = Path(__file__).resolve().parents[2] / "docs" / "lifecycle.md"
BEGIN = "<!-- generated from wrench/workorders/lifecycle.py: wrench lifecycle_doc --write -->"
END = "<!-- end of the generated table -->"


def _who(rule: lifecycle.Rule) -> str:
    who = list(rule.roles)
    if rule.system:
        who.append("system")
    return ", ".join(who) or "—"


def _steps(steps: tuple[object, ...]) -> str:
    return "<br>".join(
        f"`{lifecycle.step_name(s)}`: {lifecycle.step_doc(s)}"  # type: ignore[arg-type]
        for s in steps
    )


def _sources(rule: lifecycle.Rule) -> str:
    if rule.sources == lifecycle.OPEN_BEFORE_WORK:
        return "WR…SC, WL"
    return ", ".join(rule.sources)


def table() -> str:
    """The moves as a Markdown table: from, to, who, what it means, checks and effects."""
    lines = [
        "| from | to | who | what | checked (guards) | then (effects, in order) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for rule in lifecycle.TABLE:
        checked = _steps(rule.guards)
        if rule.reason_required:
            checked = "a reason" + ("<br>" + checked if checked else "")
        lines.append(
            f"| {_sources(rule)} | {rule.to} {Status(rule.to).label.lower()} | {_who(rule)} "
            f"| {rule.what} | {checked or '—'} | {_steps(rule.effects) or '—'} |"
        )
    return "\n".join(lines)


def rendered(current: str) -> str:
    """`current` (the doc's text) with the part between the markers made from the table."""
    head, _, rest = current.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{table()}\n{END}{tail}"
