"""Optimise a draft week: choose and place ready work on crew-days (see `optimiser`).

Candidates are the site's ready backlog (RS) and the work the optimiser put on this week
before (SC, not frozen). Work a person placed by hand stays where it is; the optimiser
fills the rest of each crew's hours. Newly placed work moves RS → SC (system, the event
names the week); work it placed before and leaves out now goes back to RS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q

from wrench.accounts.models import User
from wrench.core.errors import Conflict, FieldError, ValidationFailed
from wrench.scheduling import applying, problem, services
from wrench.scheduling.models import ScheduleItem, ScheduleWeek, WeekStatus
from wrench.scheduling.optimiser import DEFAULT_TIME_LIMIT, Solution, day_range, solve
from wrench.scheduling.placing import Load, members, name_people, people_free
from wrench.workorders.lifecycle import SYSTEM
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import transition_many
from wrench.workorders.status import Status

MAX_TIME_LIMIT = 60.0


@dataclass
class Optimised:
    solution: Solution
    placed: list[dict[str, Any]]
    left_out: list[dict[str, str]]


def optimise(
    *, actor: User, schedule: ScheduleWeek, time_limit: float = DEFAULT_TIME_LIMIT
) -> Optimised:
    """Solve and apply. The answer's `placed` has one row per work order and day."""
    services.may_schedule(actor, schedule.site_id)
    if not 0.5 <= time_limit <= MAX_TIME_LIMIT:
        raise ValidationFailed(
            "the time limit is not valid",
            errors=[FieldError("time_limit", f"seconds from 0.5 to {MAX_TIME_LIMIT:g}")],
        )
    with transaction.atomic():
        week = services.locked(schedule)
        if week.status != WeekStatus.DRAFT:
            raise Conflict(
                f"{week.week} is {week.status}; only a draft is optimised (put break-in work "
                "into a frozen week by hand)",
                status=week.status,
            )
        plant = problem.load_plant(week.site, week.monday)
        mine = ScheduleItem.objects.filter(schedule=week)
        kept = mine.filter(placed_by__isnull=False)
        kept_ids = set(kept.values_list("work_order_id", flat=True))
        before = set(mine.filter(placed_by__isnull=True).values_list("work_order_id", flat=True))
        backlog = list(
            WorkOrder.objects.filter(
                Q(site=week.site, status=Status.RS) | Q(pk__in=before - kept_ids)
            )
            .select_related("asset__area", "timing")
            .order_by("-priority", "requested_at", "id")
        )
        estimates = problem.estimates_of(backlog)
        jobs = [problem.job_for(wo, estimates[wo.pk], plant) for wo in backlog]
        fixed = Load.of(kept).cells
        solution = solve(problem.week_for(plant, jobs, fixed), time_limit=time_limit)
        mine.filter(placed_by__isnull=True).delete()
        by_number = {wo.number: wo for wo in backlog}
        crews = {c.code: c for c in plant.crews.values()}
        free = people_free(plant, Load.of(kept))
        known = members(plant)
        placements = []
        for p in solution.placed:
            wo, crew = by_number[p.job.key], crews[p.crew]
            named = name_people(p.job, plant, crew, p.days, free, None, known)
            placements.append(applying.Placement(wo, p.job, crew, list(p.days), named))
            placements[-1].hours = round(sum(p.hours_per_day.values()), 2)
        ready = [a for a in placements if a.wo.status == Status.RS]
        moved = transition_many(
            [a.wo for a in ready],
            Status.SC,
            actor=SYSTEM,
            reason={
                a.wo.pk: f"on schedule {week.week} by the optimiser: crew {a.crew.code}, "
                f"{day_range(a.days, plant.labels)}"
                for a in ready
            },
        )
        for a, wo in zip(ready, moved, strict=True):
            a.wo = wo
        applying.write_items(week, plant, placements)
        applying.assign(placements, actor)
        applying.tell(week, placements, before)
        placed_rows = [row for a in placements for row in _rows(a, plant)]
        left_rows = [{"work_order": job.key, "why": why} for job, why in solution.left_out]
        back = [(by_number[job.key], why) for job, why in solution.left_out]
        back = [(wo, why) for wo, why in back if wo.pk in before]
        transition_many(
            [wo for wo, _ in back],
            Status.RS,
            actor=actor,
            reason={wo.pk: f"left out of {week.week}: {why}" for wo, why in back},
        )
        week.last_optimised = {
            "objective": solution.objective,
            "bound": solution.bound,
            "greedy_objective": solution.greedy_objective,
            "status": solution.status,
            "seconds": round(solution.seconds, 2),
            "placed": len(solution.placed),
            "kept": len(kept_ids),
            "left_out": left_rows[:500],
            "by": actor.username,
        }
        week.save(update_fields=["last_optimised"])
    return Optimised(solution, placed_rows, left_rows)


def _rows(a: applying.Placement, plant: problem.Plant) -> list[dict[str, Any]]:
    """The answer's rows of one placement: one per day."""
    return [
        {
            "work_order": a.wo.number,
            "crew": a.crew.code,
            "day": plant.days[d],
            "hours": a.hours,
            "people": sorted(
                {u.username for (dd, _), us in a.named.items() if dd == d for u in us}
            ),
        }
        for d in a.days
    ]
