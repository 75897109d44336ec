"""Demo step: what a technician and a planner find at first login in the field — work assigned
to the demo technician (in progress and ready, beside the week's scheduled jobs), photos on a few
work orders, manuals on critical equipment, and the downtime history of critical assets.

Everything goes through the services a person uses: attachments are checked and scaled, each
downtime period is refused when it would overlap another.
"""

from __future__ import annotations

import datetime as dt
import io
import random

from PIL import Image, ImageDraw

from wrench.assets import services as assets
from wrench.assets.models import Asset, Criticality
from wrench.core import clock
from wrench.core.errors import DomainError
from wrench.demo.context import Demo
from wrench.workorders import services
from wrench.workorders.models import WorkOrder
from wrench.workorders.services import attach
from wrench.workorders.status import Status

STOPS = ["tripped on overload", "blocked chute", "seal leak, stopped by operator", "power dip"]


def load(demo: Demo) -> None:
    rng = random.Random(15)
    _technician_work(demo)
    _photos(demo, rng)
    _manuals(demo)
    _stops(demo, rng)


def _technician_work(demo: Demo) -> None:
    """Two jobs in progress and one ready, assigned to the demo technician (the schedule step
    already put some on this week's schedule for them)."""
    tech, planner = demo.users["technician"], demo.users["planner"]
    wanted = {Status.IP: 2, Status.RS: 1}
    for status, n in wanted.items():
        have = WorkOrder.objects.filter(site=demo.site, status=status, assigned_to=tech).count()
        for wo in WorkOrder.objects.filter(
            site=demo.site, status=status, assigned_to__isnull=True, asset__isnull=False
        ).order_by("-priority", "id")[: max(0, n - have)]:
            services.update_work_order(wo, actor=planner, assigned_to=tech)


def photo(text: str, rng: random.Random) -> bytes:
    """A phone-sized picture with a caption (the demo has no camera)."""
    base = (rng.randint(60, 140), rng.randint(60, 120), rng.randint(40, 100))
    image = Image.new("RGB", (1600, 1200), base)
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randint(0, 1500), rng.randint(0, 1100)
        shade = tuple(min(255, c + rng.randint(20, 90)) for c in base)
        draw.ellipse((x, y, x + rng.randint(80, 300), y + rng.randint(80, 300)), fill=shade)
    draw.rectangle((0, 1080, 1600, 1200), fill=(20, 20, 20))
    draw.text((30, 1110), text, fill=(255, 255, 255), font_size=56)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _photos(demo: Demo, rng: random.Random) -> None:
    """Photos on a few requests (from the requester), jobs in progress and finished work."""
    picks = [
        (Status.WR, "requester", "as found"),
        (Status.WR, "requester", "as found"),
        (Status.IP, "technician", "during repair"),
        (Status.IP, "technician", "during repair"),
        (Status.CO, "technician", "after repair"),
        (Status.CL, "technician", "after repair"),
    ]
    used: set[int] = set()
    for status, who, moment in picks:
        wo = (
            WorkOrder.objects.filter(site=demo.site, status=status, asset__isnull=False)
            .exclude(pk__in=used)
            .select_related("asset")
            .order_by("-priority", "id")
            .first()
        )
        if wo is None or wo.asset is None:
            continue
        used.add(wo.pk)
        attach.attach_to_work_order(
            actor=demo.users[who],
            work_order=wo,
            name=f"{wo.asset.code} {moment}.jpg",
            content=photo(f"{wo.asset.code} {moment}: {wo.title[:40]}", rng),
        )


def _manuals(demo: Demo) -> None:
    from weasyprint import HTML  # late: it loads Pango

    for asset in Asset.objects.filter(site=demo.site, criticality=Criticality.A).order_by("code")[
        :3
    ]:
        pdf = HTML(
            string=(
                f"<h1>{asset.code} {asset.name}</h1><h2>Operation and maintenance manual</h2>"
                "<p>Demo document: isolation points, lubrication schedule, spare parts list.</p>"
            )
        ).write_pdf()
        attach.attach_to_asset(
            actor=demo.users["planner"], asset=asset, name=f"{asset.code} manual.pdf", content=pdf
        )


def _stops(demo: Demo, rng: random.Random) -> None:
    """Short stops without a work order on critical assets over the last ten months, beside
    the repairs' downtime the reports step recorded; an overlapping one is refused and skipped."""
    now = clock.now()
    recorder = demo.users["supervisor"]
    for asset in Asset.objects.filter(site=demo.site, criticality=Criticality.A).order_by("code")[
        :12
    ]:
        for _ in range(rng.randint(2, 4)):
            start = now - dt.timedelta(days=rng.randint(5, 300), hours=rng.randint(0, 23))
            end = start + dt.timedelta(minutes=rng.randint(20, 240))
            try:
                assets.record_downtime(
                    actor=recorder, asset=asset, start=start, end=end, reason=rng.choice(STOPS)
                )
            except DomainError:
                continue
