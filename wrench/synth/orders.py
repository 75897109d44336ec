"""Synthetic work orders: coding mix, lifecycle timings and events, as plain row tuples.

Each work order is requested at a time spread evenly over the years asked for (numbers rise
with time, as in a real plant), then walks the lifecycle with randomised waits; the status
is the last step whose time has passed by `until`, so old work is closed and young work
is still open. Emergency work bypasses approval (WR → IP); shutdown work (timing A/M/T/P)
waits on the schedule for the next shutdown. Nothing here touches the database.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from wrench.core.demo_plant import JOBS
from wrench.synth.plant import PlantAsset

# (abbreviation, weight): the mix of a typical plant's work order history.
URGENCY = [("E", 5), ("U", 12), ("#", 83)]
TIMING = [("R", 72), ("A", 9), ("M", 7), ("P", 3), ("T", 2), ("U", 4), ("D", 3)]
REASON = [("OP", 34), ("RI", 22), ("SA", 8), ("QU", 7), ("CA", 8), ("EN", 5), ("LE", 3)]
REASON += [("ER", 2), ("CO", 1), ("CR", 1)]
ACTION = [("RE", 44), ("SE", 14), ("IN", 8), ("RB", 6), ("IM", 8), ("NM", 4), ("VA", 7)]
ACTION += [("TH", 5), ("NT", 4)]
FUNDING = [("R", 88), ("M", 6), ("C", 3), ("W", 2), ("I", 1)]
INITIATED = [("O", 28), ("U", 18), ("T", 16), ("M", 9), ("S", 6), ("L", 5), ("V", 5)]
INITIATED += [("H", 4), ("E", 3), ("I", 2), ("B", 2), ("N", 1), ("W", 1)]
TRADES = [("MECH", 46), ("ELEC", 19), ("INST", 14), ("WELD", 8), ("OPER", 7), ("ENG", 6)]
SHUTDOWN_TIMINGS = {"A", "M", "T", "P"}
FINDINGS = "Found worn parts; replaced and tested. Running normally."
DAY = 86400.0


class Picker:
    """Weighted choice by one random number and a bisect (much faster than rng.choices)."""

    def __init__(self, weighted: Sequence[tuple[str, float]]) -> None:
        self.items = [k for k, _ in weighted]
        self.cum = list(itertools.accumulate(w for _, w in weighted))

    def __call__(self, rng: random.Random) -> str:
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


@dataclass
class Context:
    site_id: int
    site_code: str
    closing_delay_days: int
    matrix: list[list[int]]
    codes: dict[str, dict[str, int]]  # key → abbreviation → CodeValue id
    trades: dict[str, int]  # code → Trade id
    rates: dict[str, Decimal]
    assets: list[PlantAsset]
    people: dict[str, list[int]]  # role → user ids at the site
    start: dt.datetime
    until: dt.datetime
    count: int


@dataclass
class Order:
    """One generated work order: column values plus its lifecycle events."""

    values: dict[str, object]
    events: list[tuple[str, str, int | None, dt.datetime, str]]  # from, to, actor, at, reason


def _walk(urgency: str, timing: str, t0: float, rng: random.Random) -> list[tuple[str, float]]:
    """The lifecycle steps this work order will take, with the epoch second of each."""
    x = rng.expovariate
    steps: list[tuple[str, float]] = [("WR", t0)]
    t = t0
    if urgency == "E":
        t += x(1 / 0.05) * DAY
        steps.append(("IP", t))
    else:
        fast = 0.25 if urgency == "U" else 1.0
        t += x(1 / (1.5 * fast)) * DAY
        steps.append(("WA", t))
        t += x(1 / (2.5 * fast)) * DAY
        if rng.random() < 0.04:
            return [*steps, ("RJ", t)]
        steps.append(("BL", t))
        t += x(1 / (18 * fast)) * DAY
        if rng.random() < 0.05:
            return [*steps, ("CA", t)]
        steps.append(("PL", t))
        if rng.random() < 0.03:
            t += x(1 / 4) * DAY
            steps.append(("WL", t))
            t += x(1 / 5) * DAY
            steps.append(("PL", t))
        if rng.random() < 0.35:
            t += x(1 / 3) * DAY
            steps.append(("WM", t))
            t += x(1 / 12) * DAY
        else:
            t += x(1 / (5 * fast)) * DAY
        steps.append(("RS", t))
        t += x(1 / (5 * fast)) * DAY
        steps.append(("SC", t))
        if timing in SHUTDOWN_TIMINGS:  # shutdowns every half year, on the 1st of Apr/Oct
            t = _next_shutdown(t) + rng.random() * 5 * DAY
        else:
            t += x(1 / (2 * fast)) * DAY
        steps.append(("IP", t))
    t += x(1 / 0.6) * DAY
    steps.append(("CO", t))
    return steps


def _next_shutdown(epoch: float) -> float:
    when = dt.datetime.fromtimestamp(epoch, dt.UTC)
    for year in (when.year, when.year + 1):
        for month in (4, 10):
            day = dt.datetime(year, month, 1, tzinfo=dt.UTC)
            if day.timestamp() > epoch + 3 * DAY:
                return day.timestamp()
    return epoch + 180 * DAY


ACTOR_ROLE = {
    "WR": "requester",
    "WA": "supervisor",
    "BL": "manager",
    "RJ": "manager",
    "PL": "planner",
    "WL": "planner",
    "WM": "planner",
    "RS": "planner",
    "SC": "scheduler",
    "IP": "technician",
    "CO": "technician",
    "CL": "planner",
    "CA": "planner",
}
REASONS = {
    "WR": "request entered",
    "RJ": "Duplicate of an existing work order",
    "CA": "Equipment to be decommissioned",
    "WL": "estimate above the approved amount plus the allowed variance",
}


def generate(ctx: Context, seed: int) -> Iterator[Order]:
    """Yield `ctx.count` work orders in request order (deterministic for `seed`)."""
    rng = random.Random(seed)
    pick = {
        "urgency": Picker(URGENCY),
        "timing": Picker(TIMING),
        "reason": Picker(REASON),
        "action": Picker(ACTION),
        "funding": Picker(FUNDING),
        "initiated_by": Picker(INITIATED),
    }
    trade_pick = Picker(TRADES)
    t_start, t_end = ctx.start.timestamp(), ctx.until.timestamp()
    span = (t_end - t_start) / max(ctx.count, 1)
    # Popular machines get more work: a fixed shuffle, then a skewed index into it.
    assets = list(ctx.assets)
    random.Random(seed + 1).shuffle(assets)
    close_wait = ctx.closing_delay_days * DAY
    for i in range(ctx.count):
        t0 = t_start + (i + rng.random()) * span
        asset = assets[int(len(assets) * rng.random() ** 1.6)]
        jobs = JOBS.get(asset.type_code) or JOBS["PUMP"]
        title, text, j_action, j_reason, j_timing, j_trade, j_hours = jobs[
            int(rng.random() * len(jobs))
        ]
        chosen = {key: p(rng) for key, p in pick.items()}
        if rng.random() < 0.6:  # the job's own coding, as the planner usually codes it
            chosen.update(action=j_action, reason=j_reason, timing=j_timing)
        urgency = chosen["urgency"]
        if urgency == "E":
            chosen["timing"] = "R"
            consequence, probability = 4 + int(rng.random() * 2), 4 + int(rng.random() * 2)
        else:
            consequence, probability = 1 + int(rng.random() * 5), 1 + int(rng.random() * 5)
        trade = j_trade if rng.random() < 0.7 else trade_pick(rng)
        hours = Decimal(round(j_hours * rng.lognormvariate(0, 0.5), 1)).quantize(Decimal("0.1"))
        cost = (hours * ctx.rates.get(trade, Decimal(100))).quantize(Decimal("0.01")) + Decimal(
            (0, 0, 150, 400, 1200, 3800)[int(rng.random() * 6)]
        )
        steps = _walk(urgency, chosen["timing"], t0, rng)
        if steps[-1][0] == "CO":
            steps.append(("CL", steps[-1][1] + close_wait + rng.expovariate(1 / 10) * DAY))
        taken = [s for s in steps if s[1] <= t_end] or steps[:1]
        status = taken[-1][0]
        reached = {s for s, _ in taken}
        when = {s: t for s, t in taken}
        people = {
            role: ids[int(rng.random() * len(ids))] if ids else None
            for role, ids in ctx.people.items()
        }
        events = []
        prev = ""
        for step, at in taken:
            actor = people.get(ACTOR_ROLE[step])
            auto = step == "WL"
            events.append((prev, step, None if auto else actor, _ts(at), REASONS.get(step, "")))
            prev = step
        requested = _ts(t0)
        funding = chosen["funding"]
        days = {"E": 1, "U": 7}.get(urgency, 60)
        needed = None if rng.random() < 0.4 else (requested + dt.timedelta(days=days)).date()
        yield Order(
            values={
                "site_id": ctx.site_id,
                "title": title.format(code=asset.code),
                "description": text,
                "asset_id": asset.id,
                "requester_id": people.get("requester"),
                "requested_at": requested,
                "needed_by": needed,
                **{f"{k}_id": ctx.codes[k].get(v) for k, v in chosen.items()},
                "priority": int(ctx.matrix[consequence - 1][probability - 1]),
                "consequence": consequence,
                "probability": probability,
                "estimated_hours": hours,
                "estimated_cost": cost,
                "approved_amount": cost if "BL" in reached else None,
                "project_number": f"PRJ-{requested.year}-{i % 97:03d}"
                if funding in ("M", "C")
                else "",
                "status": status,
                "status_changed_at": _ts(taken[-1][1]),
                "completed_at": _ts(when["CO"]) if "CO" in when else None,
                "closed_at": _ts(when["CL"]) if "CL" in when else None,
                "findings": FINDINGS if "CO" in reached else "",
                "emergency": urgency == "E",
                "warranty_flag": funding == "W",
                "trade_id": ctx.trades.get(trade),
                "assigned_to_id": people.get("technician") if reached & {"SC", "IP"} else None,
                "created_at": requested,
                "updated_at": _ts(taken[-1][1]),
            },
            events=events,
        )


def _ts(epoch: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
