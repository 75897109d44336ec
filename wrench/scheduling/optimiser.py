"""The weekly schedule as an optimisation: choose and place ready work on crew-days.

Pure Python over plain data (no database), so the benchmark, the tests and the service
build the same model. The caller (`scheduling.problem`) turns work orders, crews,
calendars and shutdown windows into a `Week`; `solve` answers which job goes on which
crew and days, the objective, the solver's bound, the greedy objective on the same input,
and one plain reason for every job left out.

The model (CP-SAT, OR-Tools): one Boolean per option "job j on crew c starting on day s"
(an option exists only where the crew has enough people of every trade the job needs on
every day it spans, and every such day is allowed by the job's timing window and
needed-by date). At most one option per job. Per crew, day and trade, the hours of the
chosen options stay within the trade's available hours less the break-in allowance.
Objective: Σ (priority + 1) × hours over placed jobs: higher-priority work first, and among
equals as many hours as the crews can take (Palmer: load each crew to its forecast hours).

A job needing more hours of one person than a day holds (`day_hours`) spans consecutive
working days, its hours spread evenly: 2 people × 12 h → 2 days of 2 × 6 h.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

UNITS = 10  # the model counts tenths of an hour (integers)
DEFAULT_TIME_LIMIT = 10.0
DEFAULT_WORKERS = 2
# The LP's prices are right only at the margin; a start is taken at each of these levels.
PRICE_SCALES = (0.85, 0.9, 0.95, 1.0)
# Kept back from the time limit for what follows the search (reasons for the left-out work).
RESERVE = 0.6


@dataclass(frozen=True)
class Need:
    """`people` of `trade` working `hours_each` hours each (over the job's days)."""

    trade: str
    people: int
    hours_each: float

    @property
    def hours(self) -> float:
        return self.people * self.hours_each


@dataclass(frozen=True)
class Job:
    key: str  # the work order number
    priority: int
    needs: tuple[Need, ...]
    crews: tuple[str, ...]  # crews that may do it, in the order a person would try them
    days: frozenset[int]  # the week's day indexes its timing and needed-by date allow
    days_why: str = ""  # why only those days ("needs area 200 shutdown (Tue–Wed)")

    @property
    def hours(self) -> float:
        return sum(n.hours for n in self.needs)

    @property
    def weight(self) -> int:
        return max(self.priority, 0) + 1


CrewDayTrade = tuple[str, int, str]


@dataclass
class Week:
    """What the crews can take: per (crew, day index, trade) hours and people available."""

    day_labels: Sequence[str]  # "Mon", "Tue", … one per working day of the week
    hours: dict[CrewDayTrade, float]  # forecast available hours (calendars − absences − fixed)
    people: dict[CrewDayTrade, int]  # people of that trade present that day
    jobs: list[Job]
    allowance_pct: float = 15.0  # kept free for break-in work
    day_hours: float = 8.0  # what one person works on one job in a day at most
    fixed: dict[CrewDayTrade, float] = field(default_factory=dict)  # hours already placed

    def capacity_units(self) -> dict[CrewDayTrade, int]:
        """What the optimiser may fill: hours less the break-in allowance, less fixed work."""
        keep = 1 - self.allowance_pct / 100
        return {
            k: max(0, math.floor(h * keep * UNITS + 1e-9) - round(self.fixed.get(k, 0) * UNITS))
            for k, h in self.hours.items()
        }


@dataclass(frozen=True)
class Option:
    job: int  # index into Week.jobs
    crew: str
    start: int
    span: int
    loads: tuple[tuple[CrewDayTrade, int], ...]  # units per (crew, day, trade)


@dataclass(frozen=True)
class Placement:
    job: Job
    crew: str
    days: tuple[int, ...]
    hours_per_day: dict[str, float]  # trade → hours on each day


@dataclass
class Solution:
    objective: float
    bound: float
    greedy_objective: float
    placed: list[Placement]
    left_out: list[tuple[Job, str]]
    status: str
    seconds: float
    options: int = 0
    notes: list[str] = field(default_factory=list)


def span_of(job: Job, day_hours: float) -> int:
    longest = max((n.hours_each for n in job.needs), default=0.0)
    return max(1, math.ceil(longest / day_hours - 1e-9))


def _loads(job: Job, crew: str, start: int, span: int) -> tuple[tuple[CrewDayTrade, int], ...]:
    out: dict[CrewDayTrade, int] = defaultdict(int)
    for need in job.needs:
        total = round(need.hours * UNITS)
        each, extra = divmod(total, span)
        for k in range(span):  # the remainder goes on the first days: totals stay exact
            out[(crew, start + k, need.trade)] += each + (1 if k < extra else 0)
    return tuple(out.items())


def day_range(days: Iterable[int], labels: Sequence[str]) -> str:
    """Day indexes as a person writes them: [1, 2, 3] → "Tue–Thu", [0, 2, 3] → "Mon, Wed–Thu"."""
    got = sorted(set(days))
    parts: list[str] = []
    i = 0
    while i < len(got):
        j = i
        while j + 1 < len(got) and got[j + 1] == got[j] + 1:
            j += 1
        a, b = labels[got[i]], labels[got[j]]
        parts.append(a if i == j else f"{a}–{b}")
        i = j + 1
    return ", ".join(parts)


def options_for(week: Week) -> tuple[list[Option], dict[int, str]]:
    """Every feasible (job, crew, start) and, for jobs with none, the reason why."""
    n_days = len(week.day_labels)
    options: list[Option] = []
    why: dict[int, str] = {}
    for j, job in enumerate(week.jobs):
        span = span_of(job, week.day_hours)
        if not job.needs or job.hours <= 0:
            why[j] = "no labour estimate (hours) to schedule"
            continue
        if not job.crews:
            trades = "+".join(sorted({n.trade for n in job.needs}))
            why[j] = f"no crew with {trades} at the site"
            continue
        if not job.days:
            why[j] = job.days_why or "no day of this week allowed"
            continue
        starts = [
            s for s in range(n_days - span + 1) if all(s + k in job.days for k in range(span))
        ]
        if not starts:
            allowed = day_range(job.days, week.day_labels)
            why[j] = f"{span} days of work; only {allowed} possible" + (
                f" ({job.days_why})" if job.days_why else ""
            )
            continue
        short: list[str] = []
        before = len(options)
        for crew in job.crews:
            for start in starts:
                lacking = _lacking_people(week, job, crew, start, span)
                if lacking:
                    short.append(lacking)
                    continue
                options.append(Option(j, crew, start, span, _loads(job, crew, start, span)))
        if len(options) == before:
            why[j] = _people_reason(week, job, starts, span, short)
    return options, why


def _lacking_people(week: Week, job: Job, crew: str, start: int, span: int) -> str:
    for need in job.needs:
        for k in range(span):
            if week.people.get((crew, start + k, need.trade), 0) < need.people:
                return need.trade
    return ""


def _people_reason(week: Week, job: Job, starts: list[int], span: int, short: list[str]) -> str:
    trade = max(set(short), key=short.count) if short else job.needs[0].trade
    need = next(n for n in job.needs if n.trade == trade)
    days = sorted({s + k for s in starts for k in range(span)})
    most = max((week.people.get((c, d, trade), 0) for c in job.crews for d in days), default=0)
    crews = ", ".join(job.crews)
    if most == 0:
        return f"no {trade} in crew {crews} on {day_range(days, week.day_labels)}"
    return (
        f"needs {need.people} {trade} at once; crew {crews} has at most {most} on "
        f"{day_range(days, week.day_labels)}"
    )


def _order(week: Week) -> list[int]:
    """Priority first (a person's order): highest priority, then as listed (oldest)."""
    return sorted(range(len(week.jobs)), key=lambda j: (-week.jobs[j].priority, j))


def greedy(week: Week, options: list[Option]) -> list[int]:
    """Priority first, each job on the first day and crew where it still fits."""
    cap = week.capacity_units()
    by_job: dict[int, list[int]] = defaultdict(list)
    for i, opt in enumerate(options):
        by_job[opt.job].append(i)
    chosen: list[int] = []
    for j in _order(week):
        for i in sorted(by_job.get(j, []), key=lambda i: (options[i].start, 0)):
            loads = options[i].loads
            if all(cap.get(k, 0) >= u for k, u in loads):
                for k, u in loads:
                    cap[k] -= u
                chosen.append(i)
                break
    return chosen


def _value(week: Week, opt: Option) -> int:
    job = week.jobs[opt.job]
    return job.weight * round(job.hours * UNITS)


def solve(
    week: Week,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int = DEFAULT_WORKERS,
    seed: int = 1,
) -> Solution:
    """The best schedule found within `time_limit` seconds (optimal when the bound says so).

    The limit counts everything the caller waits for: importing OR-Tools (the first call in
    a process, 1–2 s), building the options, greedy and the relaxation, the model, the
    search and the reasons for the left-out work."""
    started = time.perf_counter()
    from ortools.sat.python import cp_model

    options, why = options_for(week)
    greedy_pick = greedy(week, options)
    greedy_value = sum(_value(week, options[i]) for i in greedy_pick)

    per_job: dict[int, list[int]] = defaultdict(list)
    per_cell: dict[CrewDayTrade, list[tuple[int, int]]] = defaultdict(list)
    for i, opt in enumerate(options):
        per_job[opt.job].append(i)
        for key, units in opt.loads:
            per_cell[key].append((i, units))
    cap = week.capacity_units()
    values = [_value(week, opt) for opt in options]
    # The linear relaxation: a bound (often tighter than CP-SAT's within the time limit) and
    # a start: its options taken in order of their LP value, each where it still fits.
    lp_bound, picks = _relaxation(week, options, per_job, per_cell, cap, values)
    start = max([greedy_pick, *picks], key=lambda pick: sum(values[i] for i in pick))
    start_value = sum(values[i] for i in start)

    model = cp_model.CpModel()
    xs = [model.new_bool_var(f"x{i}") for i in range(len(options))]
    for ids in per_job.values():
        if len(ids) > 1:
            model.add_at_most_one(xs[i] for i in ids)
    for key, terms in per_cell.items():
        limit = cap.get(key, 0)
        if sum(u for _, u in terms) > limit:
            model.add(
                cp_model.LinearExpr.weighted_sum([xs[i] for i, _ in terms], [u for _, u in terms])
                <= limit
            )
    model.maximize(cp_model.LinearExpr.weighted_sum(xs, values))
    hinted = set(start)
    for i, x in enumerate(xs):
        model.add_hint(x, i in hinted)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(
        0.1, time_limit - RESERVE - (time.perf_counter() - started)
    )
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    bound = float(sum(values))
    if found:
        bound = solver.best_objective_bound
    if lp_bound is not None:
        bound = min(bound, lp_bound)
    if found and solver.objective_value >= start_value:
        values_found = solver.response_proto.solution  # one read, not a call per variable
        chosen = [i for i, x in enumerate(xs) if values_found[x.index]]
        objective = solver.objective_value
    else:  # nothing better than the start within the time limit
        chosen, objective = start, start_value
    placed = [_placement(week, options[i]) for i in chosen]
    taken = {p.job.key for p in placed}
    remaining = _remaining(week, [options[i] for i in chosen])
    left_out = []
    for j, job in enumerate(week.jobs):
        if job.key in taken:
            continue
        reason = why.get(j) or _capacity_reason(week, j, options, per_job.get(j, []), remaining)
        left_out.append((job, reason))
    bound = max(bound, objective)
    return Solution(
        objective=objective / UNITS,
        bound=bound / UNITS,
        greedy_objective=greedy_value / UNITS,
        placed=placed,
        left_out=left_out,
        status="OPTIMAL" if objective >= bound else solver.status_name(status),
        seconds=time.perf_counter() - started,
        options=len(options),
    )


def _relaxation(
    week: Week,
    options: list[Option],
    per_job: dict[int, list[int]],
    per_cell: dict[CrewDayTrade, list[tuple[int, int]]],
    cap: dict[CrewDayTrade, int],
    values: list[int],
) -> tuple[float | None, list[list[int]]]:
    """The LP relaxation (GLOP): its optimum bounds the objective, and it gives two starts:
    its options taken in order of their LP level, and by their value less the capacity
    they use at the LP's prices (dual values) of the crew-day-trade hours."""
    from ortools.linear_solver import pywraplp

    lp = pywraplp.Solver.CreateSolver("GLOP")
    if lp is None or not options:
        return None, []
    xs = [lp.NumVar(0, 1, "") for _ in options]
    # The coefficient calls, not the natural API's expressions: a tenth of the time.
    for ids in per_job.values():
        row = lp.Constraint(0, 1)
        for i in ids:
            row.SetCoefficient(xs[i], 1)
    rows = {}
    for key, terms in per_cell.items():
        if sum(u for _, u in terms) > cap.get(key, 0):
            rows[key] = row = lp.Constraint(0, cap.get(key, 0))
            for i, u in terms:
                row.SetCoefficient(xs[i], u)
    goal = lp.Objective()
    for x, v in zip(xs, values, strict=True):
        goal.SetCoefficient(x, v)
    goal.SetMaximization()
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return None, []
    bound = math.ceil(lp.Objective().Value() - 1e-6)
    level = [x.solution_value() for x in xs]
    price = {key: row.dual_value() for key, row in rows.items()}
    used = [sum(price.get(k, 0.0) * u for k, u in opt.loads) for opt in options]
    by_level = sorted(
        range(len(options)),
        key=lambda i: (-round(level[i], 6), -week.jobs[options[i].job].weight, options[i].start),
    )
    picks = [_take(options, cap, by_level)]
    for scale in PRICE_SCALES:
        reduced = [values[i] - scale * used[i] for i in range(len(options))]
        by_price = sorted(range(len(options)), key=lambda i: (-reduced[i], options[i].start))
        picks.append(_take(options, cap, by_price))
    return float(bound), picks


def _take(options: list[Option], cap: dict[CrewDayTrade, int], order: list[int]) -> list[int]:
    """Options in `order`, each where it still fits, at most one per job."""
    left = dict(cap)
    taken: set[int] = set()
    pick = []
    for i in order:
        opt = options[i]
        if opt.job in taken or not all(left.get(k, 0) >= u for k, u in opt.loads):
            continue
        for k, u in opt.loads:
            left[k] -= u
        taken.add(opt.job)
        pick.append(i)
    return pick


def _placement(week: Week, opt: Option) -> Placement:
    job = week.jobs[opt.job]
    per_day = {n.trade: 0.0 for n in job.needs}
    for n in job.needs:
        per_day[n.trade] += n.hours / opt.span
    return Placement(job, opt.crew, tuple(range(opt.start, opt.start + opt.span)), per_day)


def _remaining(week: Week, chosen: list[Option]) -> dict[CrewDayTrade, int]:
    left = week.capacity_units()
    for opt in chosen:
        for key, units in opt.loads:
            left[key] = left.get(key, 0) - units
    return left


def _capacity_reason(
    week: Week, j: int, options: list[Option], ids: list[int], left: dict[CrewDayTrade, int]
) -> str:
    """Why a job that had places is not on the schedule: the trade that is full, and when."""
    job = week.jobs[j]
    full: dict[tuple[str, str], set[int]] = defaultdict(set)
    free: dict[tuple[str, str], int] = defaultdict(int)
    for i in ids:
        for (crew, day, trade), units in options[i].loads:
            if left.get((crew, day, trade), 0) < units:
                full[(crew, trade)].add(day)
                free[(crew, trade)] = max(free[(crew, trade)], left.get((crew, day, trade), 0))
    if not full:  # cannot happen with an optimal answer; said plainly if the time ran out
        return "not placed within the time limit; there was room"
    (crew, trade), days = max(full.items(), key=lambda kv: (len(kv[1]), kv[0]))
    span = options[ids[0]].span
    need = sum(n.hours for n in job.needs if n.trade == trade) / span
    crews = "" if len(job.crews) == 1 and len(full) == 1 else f"crew {crew} "
    return (
        f"{crews}{trade} on {day_range(days, week.day_labels)} full "
        f"(needs {need:g} h a day, at most {max(0, free[(crew, trade)]) / UNITS:g} h free)"
    )
