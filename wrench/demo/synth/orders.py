"""Synthetic work orders: coding mix, lifecycle timings and events, as ready-to-write rows.

Each work order is requested at a time spread evenly over the years asked for (numbers rise
with time, as in a real plant), then walks the lifecycle with randomised waits; the status
is the last step whose time has passed by `until`, so old work is closed and young work
is still open. Emergency work bypasses approval (WR → IP); shutdown work (timing A/M/T/P)
waits on the schedule for the next shutdown. Nothing here touches the database.

Speed matters (a million rows in under a minute is the target), so rows are plain tuples of
strings (`None` → the writer's NULL token): timestamps come from two lookup tables (day and
second of day), money is integer cents, and the random stream is reseeded every BLOCK rows
so that the output depends on the seed alone, never on the batch size.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from wrench.demo.jobs import JOBS
from wrench.demo.synth.plant import PlantAsset

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
BLOCK = 1000  # rows per reseed of the random stream
# Work closed longer ago than this keeps only the events reports and readers need: the
# request, the release to the schedule (→ RS: "planned" work), completion and close.
ARCHIVE_DAYS = 365

# Columns of a generated work order row, in order (the writer appends the defaults).
COLUMNS = [
    "id", "seq", "number", "site_id", "title", "description", "asset_id", "requester_id",
    "requested_at", "needed_by", "urgency_id", "timing_id", "reason_id", "action_id",
    "funding_id", "initiated_by_id", "priority", "consequence", "probability",
    "estimated_hours", "estimated_cost", "approved_amount", "project_number", "status",
    "status_changed_at", "completed_at", "closed_at", "findings", "emergency",
    "warranty_flag", "trade_id", "assigned_to_id", "created_at", "updated_at",
]  # fmt: skip
EVENT_COLUMNS = ["site_id", "work_order_id", "from_status", "to_status", "actor_id"]
EVENT_COLUMNS += ["automatic", "reason", "at"]
CODE_KEYS = ("urgency", "timing", "reason", "action", "funding", "initiated_by")


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
    first_id: int = 1
    first_seq: int = 1


class Stamps:
    """Epoch seconds → 'YYYY-MM-DD HH:MM:SS' (UTC) by table look-up."""

    def __init__(self) -> None:
        self.secs = [f" {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86400)]
        self.days: dict[int, str] = {}

    def day(self, d: int) -> str:
        text = self.days.get(d)
        if text is None:
            text = self.days[d] = (dt.date(1970, 1, 1) + dt.timedelta(days=d)).isoformat()
        return text

    def __call__(self, epoch: float) -> str:
        d, s = divmod(int(epoch), 86400)
        return self.day(d) + self.secs[s]


def _walk(urgency: str, timing: str, t0: float, rng: random.Random) -> list[tuple[str, float]]:
    """The lifecycle steps this work order will take, with the epoch second of each."""
    x = rng.expovariate
    r = rng.random
    steps: list[tuple[str, float]] = [("WR", t0)]
    t = t0
    if urgency == "E":
        t += x(20.0) * DAY
        steps.append(("IP", t))
    else:
        fast = 0.25 if urgency == "U" else 1.0
        t += x(1 / (1.5 * fast)) * DAY
        steps.append(("WA", t))
        t += x(1 / (2.5 * fast)) * DAY
        if r() < 0.04:
            steps.append(("RJ", t))
            return steps
        steps.append(("BL", t))
        t += x(1 / (18 * fast)) * DAY
        if r() < 0.05:
            steps.append(("CA", t))
            return steps
        steps.append(("PL", t))
        if r() < 0.03:
            t += x(0.25) * DAY
            steps.append(("WL", t))
            t += x(0.2) * DAY
            steps.append(("PL", t))
        if r() < 0.35:
            t += x(1 / 3) * DAY
            steps.append(("WM", t))
            t += x(1 / 12) * DAY
        else:
            t += x(1 / (5 * fast)) * DAY
        steps.append(("RS", t))
        t += x(1 / (5 * fast)) * DAY
        steps.append(("SC", t))
        if timing in SHUTDOWN_TIMINGS:  # shutdowns every half year, on the 1st of Apr/Oct
            t = _next_shutdown(t) + r() * 5 * DAY
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
ROLES = ("requester", "supervisor", "planner", "scheduler", "technician", "manager")


def _cents(c: int) -> str:
    return f"{c // 100}.{c % 100:02d}"


def generate(
    ctx: Context, seed: int, *, null: str | None = None, esc: Callable[[str], str] = str
) -> Iterator[tuple[tuple[str | None, ...], list[tuple[str | None, ...]]]]:
    """Yield `ctx.count` (work order row, event rows) in request order, deterministic for
    `seed`. Values are strings in COLUMNS / EVENT_COLUMNS order; `null` stands for NULL and
    `esc` escapes free text (the writer's format decides both)."""
    rng = random.Random()
    rnd, expo, lognorm = rng.random, rng.expovariate, rng.lognormvariate
    pick = [Picker(w) for w in (URGENCY, TIMING, REASON, ACTION, FUNDING, INITIATED)]
    trade_pick = Picker(TRADES)
    stamp = Stamps()
    t_start, t_end = ctx.start.timestamp(), ctx.until.timestamp()
    span = (t_end - t_start) / max(ctx.count, 1)
    # Popular machines get more work: a fixed shuffle, then a skewed index into it.
    assets = list(ctx.assets)
    random.Random(seed + 1).shuffle(assets)
    Job = tuple[str, str, str, str, str, str, int]
    asset_jobs: list[tuple[str, list[Job]]] = []
    for a in assets:
        proto = JOBS.get(a.type_code) or JOBS["PUMP"]
        asset_jobs.append(
            (str(a.id), [(esc(t.format(code=a.code)), esc(d), *rest) for t, d, *rest in proto])  # type: ignore[misc]
        )
    n_assets = len(asset_jobs)
    codes = [{abbr: str(pk) for abbr, pk in ctx.codes[k].items()} for k in CODE_KEYS]
    c_urgency, c_timing, c_reason, c_action, c_funding, c_initiated = codes
    trades = {code: str(pk) for code, pk in ctx.trades.items()}
    rates = {code: int(rate * 100) for code, rate in ctx.rates.items()}
    people = {role: [str(u) for u in ctx.people.get(role) or []] for role in ROLES}
    matrix = [[str(p) for p in row] for row in ctx.matrix]
    reasons = {step: esc(REASONS.get(step, "")) for step in ACTOR_ROLE}
    actor_role = ACTOR_ROLE
    findings, site_id, code = esc(FINDINGS), str(ctx.site_id), ctx.site_code.upper()
    close_wait = ctx.closing_delay_days * DAY
    archive_before = t_end - ARCHIVE_DAYS * DAY
    extra_cost = (0, 0, 15000, 40000, 120000, 380000)
    due_days = {"E": 1, "U": 7}
    for i in range(ctx.count):
        if i % BLOCK == 0:
            rng.seed(seed * 1_000_003 + i // BLOCK)
        t0 = t_start + (i + rnd()) * span
        asset_id, asset_jobs_ = asset_jobs[int(n_assets * rnd() ** 1.6)]
        title, text, j_action, j_reason, j_timing, j_trade, j_hours = asset_jobs_[
            int(rnd() * len(asset_jobs_))
        ]
        urgency, timing, reason, action, funding, initiated = [p(rng) for p in pick]
        if rnd() < 0.6:  # the job's own coding, as the planner usually codes it
            action, reason, timing = j_action, j_reason, j_timing
        if urgency == "E":
            timing = "R"
            consequence, probability = 4 + int(rnd() * 2), 4 + int(rnd() * 2)
        else:
            consequence, probability = 1 + int(rnd() * 5), 1 + int(rnd() * 5)
        trade = j_trade if rnd() < 0.7 else trade_pick(rng)
        tenths = round(j_hours * lognorm(0, 0.5) * 10)
        cost = tenths * rates.get(trade, 10000) // 10 + extra_cost[int(rnd() * 6)]
        steps = _walk(urgency, timing, t0, rng)
        if steps[-1][0] == "CO":
            steps.append(("CL", steps[-1][1] + close_wait + expo(0.1) * DAY))
        taken = [s for s in steps if s[1] <= t_end] or steps[:1]
        status, last_at = taken[-1]
        who = {role: ids[int(rnd() * len(ids))] if ids else null for role, ids in people.items()}
        pk = str(ctx.first_id + i)
        events: list[tuple[str | None, ...]] = []
        prev = ""
        when: dict[str, float] = {}
        archived = status == "CL" and last_at < archive_before
        last_two = len(taken) - 2
        stamped: dict[str, str] = {}  # step → its time as text (each made once)
        for k, (step, at) in enumerate(taken):
            if not archived or k == 0 or k >= last_two or step == "RS":
                auto = step == "WL"
                actor = null if auto else who[actor_role[step]]
                text = stamped[step] = stamp(at)
                events.append(
                    (site_id, pk, prev, step, actor, "1" if auto else "0", reasons[step], text)
                )
            prev = step
            when[step] = at
        requested = stamped["WR"]  # the first step, always written
        needed = null if rnd() < 0.4 else stamp.day(int(t0 // DAY) + due_days.get(urgency, 60))
        seq = ctx.first_seq + i
        changed = events[-1][7]  # the last step, always written
        yield (
            (
                pk,
                str(seq),
                f"{code}-{seq:06d}",
                site_id,
                title,
                text,
                asset_id,
                who["requester"],
                requested,
                needed,
                c_urgency.get(urgency, null),
                c_timing.get(timing, null),
                c_reason.get(reason, null),
                c_action.get(action, null),
                c_funding.get(funding, null),
                c_initiated.get(initiated, null),
                matrix[consequence - 1][probability - 1],
                str(consequence),
                str(probability),
                f"{tenths // 10}.{tenths % 10}",
                _cents(cost),
                _cents(cost) if "BL" in when else null,
                f"PRJ-{requested[:4]}-{i % 97:03d}" if funding in ("M", "C") else "",
                status,
                changed,
                stamped.get("CO", null),
                stamped.get("CL", null),
                findings if "CO" in when else "",
                "1" if urgency == "E" else "0",
                "1" if funding == "W" else "0",
                trades.get(trade, null),
                who["technician"] if ("SC" in when or "IP" in when) else null,
                requested,
                changed,
            ),
            events,
        )
