"""The optimiser on small hand-made weeks: capacity, timing, people, optimality, reasons."""

from __future__ import annotations

import pytest

from wrench.scheduling.optimiser import Job, Need, Week, day_range, solve
from wrench.scheduling.windows import Outage, allowed_days

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")
EVERY = frozenset(range(5))


def job(key, hours, priority=1, *, trade="MECH", people=1, crews=("M1",), days=EVERY, why=""):
    return Job(key, priority, (Need(trade, people, hours),), crews, days, why)


def week(jobs, *, hours=8.0, people=1, days=5, crews=("M1",), trade="MECH", allowance=0.0):
    cells = {(c, d, trade): hours for c in crews for d in range(days)}
    return Week(
        DAYS[:days],
        cells,
        {k: people for k in cells},
        jobs,
        allowance_pct=allowance,
    )


def placed(solution):
    return {p.job.key: (p.crew, p.days) for p in solution.placed}


def test_the_optimum_known_by_hand_beats_priority_first():
    # Given one crew-day of 10 h and three jobs: A (6 h, priority 5) and B, C (5 h, 4 each)
    w = week([job("A", 6, 5), job("B", 5, 4), job("C", 5, 4)], hours=10, days=1)
    # When it is solved
    got = solve(w, time_limit=5)
    # Then B and C fill the day ((4 + 1) × 5 h twice = 50), where priority-first takes A
    # alone ((5 + 1) × 6 h = 36)
    assert set(placed(got)) == {"B", "C"}
    assert (got.objective, got.greedy_objective, got.bound) == (50, 36, 50)
    assert got.status == "OPTIMAL"
    assert got.left_out[0][0].key == "A"
    assert got.left_out[0][1] == "MECH on Mon full (needs 6 h a day, at most 0 h free)"


def test_capacity_is_respected_on_every_crew_day():
    # Given 12 jobs of 3 h on a crew with 8 h a day for 5 days (40 h, less a 25 % allowance)
    jobs = [job(f"J{n}", 3, n % 3) for n in range(12)]
    got = solve(week(jobs, allowance=25), time_limit=5)
    # Then at most 6 h go on each day (two jobs), ten in all: 30 h of the 30 h allowed
    per_day = [sum(1 for p in got.placed if d in p.days) for d in range(5)]
    assert per_day == [2, 2, 2, 2, 2]
    assert len(got.left_out) == 2


def test_shutdown_work_goes_only_inside_the_window_and_must_run_work_outside_it():
    down = Outage("A", "area 200 shutdown", frozenset({2}))
    a_days, a_why = allowed_days("A", 5, [down], where="area 200", labels=DAYS)
    u_days, u_why = allowed_days("U", 5, [down], where="area 200", labels=DAYS)
    jobs = [job("A1", 4, days=a_days, why=a_why), job("U1", 8, days=u_days, why=u_why)]
    got = solve(week(jobs), time_limit=5)
    assert placed(got)["A1"] == ("M1", (2,))
    assert 2 not in placed(got)["U1"][1]
    assert a_why == "needs area 200 shutdown (Wed)"
    assert u_why == "must run; area 200 is down Wed"


def test_work_waiting_for_an_outage_that_is_not_this_week_is_left_out_saying_so():
    days, why = allowed_days("A", 5, [], where="area 200", labels=DAYS)
    got = solve(week([job("A1", 2, days=days, why=why)]), time_limit=5)
    assert got.left_out[0][1] == "needs area 200 shutdown; none this week"


def test_deadline_work_is_placed_on_or_before_its_date():
    days, why = allowed_days("D", 5, [], needed_by=1, labels=DAYS)
    # Monday is taken by higher-priority work; the deadline job goes Tuesday, not later
    jobs = [job("BIG", 8, 9, days=frozenset({0})), job("D1", 8, 1, days=days, why=why)]
    got = solve(week(jobs), time_limit=5)
    assert placed(got)["D1"] == ("M1", (1,))
    assert why == "needed by Tue"


def test_multi_person_work_needs_the_people_on_the_same_day():
    # Given a job for 3 mechanics × 4 h and a crew with 2 mechanics (16 h a day)
    got = solve(week([job("P3", 4, people=3)], hours=16, people=2), time_limit=5)
    # Then it cannot be placed however many hours are free, and the reason says so
    assert got.left_out[0][1] == "needs 3 MECH at once; crew M1 has at most 2 on Mon–Fri"


def test_a_job_longer_than_a_day_spans_consecutive_days():
    # 2 people × 12 h each, 8 h days: two days of 2 × 6 h
    got = solve(week([job("LONG", 12, people=2)], hours=16, people=2), time_limit=5)
    _crew, days = placed(got)["LONG"]
    assert len(days) == 2 and days[1] == days[0] + 1
    assert got.placed[0].hours_per_day == {"MECH": 12.0}


def test_work_a_crew_cannot_do_is_left_out_with_the_reason():
    w = week([job("E1", 2, trade="ELEC", crews=())])
    got = solve(w, time_limit=5)
    assert got.left_out[0][1] == "no crew with ELEC at the site"


@pytest.mark.parametrize(
    ("days", "text"),
    [([0, 1, 2], "Mon–Wed"), ([0, 2, 3], "Mon, Wed–Thu"), ([4], "Fri"), ([1, 3], "Tue, Thu")],
)
def test_days_are_written_as_a_person_writes_them(days, text):
    assert day_range(days, DAYS) == text
