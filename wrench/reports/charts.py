"""Charts drawn on the server with matplotlib: SVG for pages, e-mail and PDF.

Readable without colour: each series has its own hatch (bars) or marker and line style
(lines), and bars carry their value as a label.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

HATCHES = ["", "///", "...", "xxx", "\\\\\\", "ooo", "---", "+++"]
GREYS = ["#4a6a8f", "#c9d6e3", "#f2f2f2", "#9fb3c8", "#ffffff", "#dde5ee", "#b0bec5", "#ffffff"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
LINES = ["-", "--", "-.", ":", "-", "--", "-.", ":"]

Series = Sequence[tuple[str, Sequence[float | None]]]


@cache
def _pyplot() -> Any:
    """matplotlib's pyplot, loaded on the first chart: it makes a process much larger, and most
    web requests (lists, work orders, the API) never draw one."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    return pyplot


def _render(fig: Figure, fmt: str) -> str | bytes:
    buf = io.BytesIO()
    fig.savefig(
        buf, format=fmt, bbox_inches="tight", metadata={"Date": None} if fmt == "svg" else None
    )
    _pyplot().close(fig)
    data = buf.getvalue()
    if fmt != "svg":
        return data
    text = data.decode()
    return text[text.index("<svg") :]  # inline-able: drop the XML prolog and DOCTYPE


def _label(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:,.1f}"


def bars(
    title: str,
    labels: Sequence[str],
    series: Series,
    *,
    ylabel: str,
    stacked: bool = False,
    fmt: str = "svg",
) -> str | bytes:
    """Vertical bars: one group per label, one hatched bar per series (or stacked)."""
    if stacked:
        return _stacked(title, labels, series, ylabel=ylabel, fmt=fmt)
    n = max(len(series), 1)
    width = 0.8 / n
    fig, ax = _pyplot().subplots(
        figsize=(min(11.0, max(5.0, 0.55 * len(labels) * n + 2)), 3.4), dpi=100
    )
    for i, (name, values) in enumerate(series):
        xs = [k + (i - (n - 1) / 2) * width for k in range(len(labels))]
        ys = [v or 0 for v in values]
        drawn = ax.bar(
            xs,
            ys,
            width,
            label=name,
            color=GREYS[i % len(GREYS)],
            hatch=HATCHES[i % len(HATCHES)],
            edgecolor="#1b1f24",
            linewidth=0.8,
        )
        ax.bar_label(drawn, labels=[_label(y) if y else "" for y in ys], fontsize=7, padding=1)
    ax.set_xticks(
        range(len(labels)),
        [str(lb) for lb in labels],
        rotation=30 if len(labels) > 6 else 0,
        ha="right" if len(labels) > 6 else "center",
        fontsize=8,
    )
    _finish(ax, title, ylabel, legend=len(series) > 1)
    if not labels:
        ax.text(
            0.5, 0.5, "no data for this period", ha="center", va="center", transform=ax.transAxes
        )
    return _render(fig, fmt)


def _stacked(
    title: str, labels: Sequence[str], series: Series, *, ylabel: str, fmt: str
) -> str | bytes:
    fig, ax = _pyplot().subplots(figsize=(min(11.0, max(5.0, 0.7 * len(labels) + 3)), 3.6), dpi=100)
    bottom = [0.0] * len(labels)
    xs = list(range(len(labels)))
    for i, (name, values) in enumerate(series):
        ys = [v or 0.0 for v in values]
        ax.bar(
            xs,
            ys,
            0.6,
            bottom=bottom,
            label=name,
            color=GREYS[i % len(GREYS)],
            hatch=HATCHES[i % len(HATCHES)],
            edgecolor="#1b1f24",
            linewidth=0.8,
        )
        bottom = [b + y for b, y in zip(bottom, ys, strict=True)]
    for x, total in zip(xs, bottom, strict=True):
        ax.text(x, total, _label(total), ha="center", va="bottom", fontsize=7)
    ax.set_xticks(xs, [str(lb) for lb in labels], fontsize=8)
    _finish(ax, title, ylabel, legend=True)
    return _render(fig, fmt)


def lines(
    title: str,
    labels: Sequence[str],
    series: Series,
    *,
    ylabel: str,
    ylim: tuple[float, float] | None = None,
    fmt: str = "svg",
) -> str | bytes:
    """A trend: one line per series, each with its own marker and dash pattern."""
    fig, ax = _pyplot().subplots(figsize=(6.4, 3.2), dpi=100)
    xs = list(range(len(labels)))
    for i, (name, values) in enumerate(series):
        points = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
        ax.plot(
            [p[0] for p in points],
            [p[1] for p in points],
            label=name,
            color="#1b1f24" if i == 0 else "#5b6b7b",
            marker=MARKERS[i % len(MARKERS)],
            linestyle=LINES[i % len(LINES)],
            markersize=5,
            markerfacecolor="white" if i % 2 else "#1b1f24",
        )
    if ylim:
        ax.set_ylim(*ylim)
    if not any(v is not None for _, values in series for v in values):
        ax.text(0.5, 0.5, "no data yet", ha="center", va="center", transform=ax.transAxes)
    step = max(1, len(labels) // 6)
    ax.set_xticks(xs[::step], [str(lb) for lb in labels][::step], fontsize=8)
    _finish(ax, title, ylabel, legend=len(series) > 1)
    return _render(fig, fmt)


def _finish(ax: Axes, title: str, ylabel: str, *, legend: bool) -> None:
    ax.set_title(title, fontsize=10, loc="left")
    ax.set_ylabel(ylabel, fontsize=8)
    ax.tick_params(axis="y", labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if legend:
        ax.legend(fontsize=8, frameon=True, framealpha=0.9, loc="best")
