"""S1's generator and the optimiser together, small: the answer's guarantees on each family."""

from __future__ import annotations

import pytest

from wrench.bench import s1
from wrench.scheduling.optimiser import solve


@pytest.mark.parametrize("profile", ["typical", "shutdown", "outage"])
def test_a_small_synthetic_week_is_never_below_greedy_nor_above_its_bound(profile):
    # Given a small week of the benchmark's families (shutdowns, deadlines, multi-person)
    w = s1.instance(7, {p.name: p for p in (s1.TYPICAL, s1.HARD, s1.OUTAGE)}[profile], 200, 6)
    # When it is solved with almost no time to search
    got = solve(w, time_limit=0.5)
    # Then the answer starts from the best of greedy and the relaxation's starts: never
    # below greedy, never above the bound, and every job is placed or has a reason
    assert got.greedy_objective <= got.objective <= got.bound
    assert len(got.placed) + len(got.left_out) == len(w.jobs)
    assert all(why for _, why in got.left_out)
    value = sum(p.job.weight * p.job.hours for p in got.placed)
    assert value == pytest.approx(got.objective)
