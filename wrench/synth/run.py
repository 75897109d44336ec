"""Put it together: site, coding, people, assets, then work orders in batches."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable
from typing import Any

from django.db import transaction

from wrench.accounts.models import User
from wrench.assets.models import Site, Trade
from wrench.coding.models import BUILTIN_KEYS, CodeValue
from wrench.coding.services import load_default_coding
from wrench.core.errors import ValidationFailed
from wrench.synth.orders import Context, generate
from wrench.synth.plant import build_assets
from wrench.synth.writer import Writer

BATCH = 5000


def synthesize(
    *,
    site_code: str,
    work_orders: int,
    assets: int,
    years: float,
    seed: int,
    until: dt.date,
    batch: int = BATCH,
    say: Callable[[str], Any] = print,
) -> int:
    """Add `work_orders` synthetic work orders to site `site_code`; return how many."""
    with transaction.atomic():
        site, _ = Site.objects.get_or_create(
            code=site_code, defaults={"name": f"Synthetic plant {site_code}"}
        )
        load_default_coding(site=site)
        people = _people(site)
        plant = build_assets(site, assets, random.Random(seed))
    if not plant:
        raise ValidationFailed(f"site {site.code} has no synthetic assets; use --assets N (N > 0)")
    say(f"Site {site.code}: {len(plant)} synthetic equipment items.")
    end = dt.datetime.combine(until, dt.time(), dt.UTC)
    ctx = Context(
        site_id=site.pk,
        site_code=site.code,
        closing_delay_days=site.closing_delay_days,
        matrix=site.priority_matrix,
        codes={
            key: dict(
                CodeValue.objects.filter(
                    characteristic__site=site, characteristic__key=key
                ).values_list("abbreviation", "id")
            )
            for key in BUILTIN_KEYS
        },
        trades=dict(Trade.objects.filter(site=site).values_list("code", "id")),
        rates=dict(Trade.objects.filter(site=site).values_list("code", "hourly_rate")),
        assets=plant,
        people=people,
        start=end - dt.timedelta(days=365.25 * years),
        until=end,
        count=work_orders,
    )
    writer = Writer(site)
    orders = generate(ctx, seed)
    done = 0
    while chunk := list(itertools.islice(orders, batch)):
        writer.write(chunk)
        done += len(chunk)
        if done % (batch * 20) == 0:
            say(f"  {done:,} work orders")
    writer.finish()
    return done


def _people(site: Site) -> dict[str, list[int]]:
    """User ids by role among the site's members (any member stands in for a missing role)."""
    members = list(User.objects.filter(sites=site, is_active=True).order_by("id"))
    if not members:
        raise ValidationFailed(
            f"site {site.code} has no members to raise and do the work; add users to the "
            "site first (or run `wrench demo` and use --site MILL)"
        )
    by_role: dict[str, list[int]] = {}
    for user in members:
        for role in user.role_names:
            by_role.setdefault(role, []).append(user.pk)
    everyone = [u.pk for u in members]
    roles = ("requester", "supervisor", "planner", "scheduler", "technician", "manager")
    return {role: by_role.get(role) or everyone for role in roles}
