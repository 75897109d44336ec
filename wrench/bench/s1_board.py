"""S1 on a database: a site with 30 crews (people, calendars, leave) and 2,000 ready work
orders with labour estimates, optimised through the service (placements written, RS → SC
events), then the board page `/schedule/` timed in-process at that size.

Run by `make bench` after the solver figures (`python -m wrench.bench.s1_board`); it builds
its own SQLite database in var/bench/ (or uses DATABASE_URL) and prints one JSON line.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CODING = {"urgency": "#", "reason": "OP", "action": "RE", "funding": "R", "initiated_by": "O"}


def _setup() -> None:
    if not os.environ.get("DATABASE_URL"):
        path = ROOT / "var" / "bench" / "s1-board.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite://{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wrench.settings")
    os.environ.setdefault("WRENCH_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build(n_jobs: int = 2000, n_crews: int = 30, seed: int = 1) -> dict[str, Any]:
    import datetime as dt

    from django.contrib.auth.models import Group

    from wrench.accounts.models import User
    from wrench.accounts.roles import ensure_roles
    from wrench.assets.models import Area, Asset, Crew, Site, Trade
    from wrench.coding.services import load_default_coding
    from wrench.planning.models import LabourEstimate
    from wrench.scheduling import services
    from wrench.scheduling.models import Absence, CrewMember
    from wrench.workorders.models import WorkOrder
    from wrench.workorders.services import create_work_orders

    rng = random.Random(f"s1-board-{seed}")
    ensure_roles()
    site = Site.objects.create(code="S1", name="S1 plant")
    load_default_coding(site=site)
    scheduler = User.objects.create_user(username="s1-scheduler")
    planner = User.objects.create_user(username="s1-planner")
    for person, role in ((scheduler, "scheduler"), (planner, "planner")):
        person.groups.add(Group.objects.get(name=role))
        person.sites.add(site)
    tech = Group.objects.get(name="technician")
    areas = [
        Area.objects.create(site=site, code=str(100 * k), name=f"Area {k}") for k in range(1, 7)
    ]
    assets = [
        Asset.objects.create(site=site, code=f"EQ-{a.code}-{i}", name="Unit", area=a)
        for a in areas
        for i in range(20)
    ]
    trades = {
        t.code: t
        for t in Trade.objects.filter(site=site, code__in=["MECH", "ELEC", "INST", "WELD"])
    }
    kinds = [("MECH", "WELD", 12), ("ELEC", "INST", 8), ("INST", None, 5), ("WELD", "MECH", 5)]
    crews = []
    monday = dt.date.fromisocalendar(2030, 10, 1)
    for main, second, count in kinds:
        for i in range(round(count * n_crews / 30)):
            crew = Crew.objects.create(
                site=site, code=f"{main}-{i + 1}", name=f"{main} crew {i + 1}", area=areas[i % 6]
            )
            crews.append(crew)
            staff = [main] * rng.randint(5, 8) + ([second] * rng.randint(2, 3) if second else [])
            for k, trade in enumerate(staff):
                person = User.objects.create_user(username=f"{crew.code}-{k}", trade=trades[trade])
                person.groups.add(tech)
                person.sites.add(site)
                CrewMember.objects.create(site=site, crew=crew, person=person, trade=trades[trade])
                if rng.random() < 0.12:
                    day = monday + dt.timedelta(days=rng.randrange(5))
                    Absence.objects.create(
                        site=site,
                        person=person,
                        starts=day,
                        ends=day,
                        entered_by=scheduler,
                        entered_at=dt.datetime(2030, 3, 1, tzinfo=dt.UTC),
                    )
    rows = []
    for n in range(n_jobs):
        timing = rng.choices("RAUD", weights=[80, 8, 7, 5])[0]
        rows.append(
            (
                {
                    "title": f"S1 job {n + 1}",
                    "description": "Synthetic ready work",
                    "asset": rng.choice(assets).code,
                },
                {**CODING, "timing": timing},
            )
        )
    made = []
    for k in range(0, len(rows), 1000):
        made += create_work_orders(actor=planner, site=site, rows=rows[k : k + 1000])
    estimates = []
    for wo in made:
        trade = rng.choices(list(trades), weights=[12, 8, 5, 5])[0]
        people = rng.choice((1, 1, 1, 2, 2, 3))
        each = Decimal(rng.choice((1, 2, 2, 3, 4, 4, 6, 8, 12)))
        estimates.append(
            LabourEstimate(
                site=site, work_order=wo, trade=trades[trade], people=people, hours_each=each
            )
        )
        WorkOrder.objects.filter(pk=wo.pk).update(
            status="RS",
            priority=rng.choice((1, 2, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25)),
            trade=trades[trade],
            estimated_hours=people * each,
        )
    LabourEstimate.objects.bulk_create(estimates)
    week = services.create_schedule(actor=scheduler, site=site, week="2030-W10")
    return {"site": site, "scheduler": scheduler, "week": week}


def measure(built: dict[str, Any], runs: int = 5) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wrench.scheduling import optimising

    started = time.perf_counter()
    got = optimising.optimise(actor=built["scheduler"], schedule=built["week"], time_limit=10)
    optimise_s = time.perf_counter() - started
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(built["scheduler"])
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            answer = client.get("/schedule/?week=2030-W10")
        times.append(1000 * (time.perf_counter() - t))
        assert answer.status_code == 200
    return {
        "vendor": connection.vendor,
        "optimise_with_writes_s": round(optimise_s, 1),
        "solver_s": round(got.solution.seconds, 1),
        "placed": len({p["work_order"] for p in got.placed}),
        "left_out": len(got.left_out),
        "board_ms_median": round(statistics.median(times)),
        "board_ms_max": round(max(times)),
        "board_queries": len(queries.captured_queries),
        "board_bytes": len(answer.content),
        "load_1min": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    _setup()
    built = build()
    result = measure(built)
    print(json.dumps(result))
    out = ROOT / "var" / "bench" / "s1-board.json"
    out.write_text(json.dumps(result, indent=1))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
