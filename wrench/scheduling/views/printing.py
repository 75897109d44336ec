"""The week of one crew as a PDF to post on the workshop board: each day's jobs and people."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string

from wrench.assets.models import Crew
from wrench.scheduling import problem
from wrench.scheduling.models import ScheduleItem
from wrench.scheduling.views.access import _readable, _week
from wrench.workorders.views.common import user_of


@login_required
def crew_pdf(request: HttpRequest, schedule_id: int, code: str) -> HttpResponse:
    from weasyprint import HTML  # imported here: loading WeasyPrint costs ~0.5 s

    _readable(user_of(request))
    week = _week(request, schedule_id)
    crew = Crew.objects.filter(site=week.site, code=code).first()
    if crew is None:
        raise Http404(f"no crew {code} at {week.site.code}")
    plant = problem.load_plant(week.site, week.monday)
    items = (
        ScheduleItem.objects.filter(schedule=week, crew=crew)
        .select_related("work_order__asset", "work_order__timing", "trade")
        .prefetch_related("people")
        .order_by("day", "-work_order__priority", "work_order__number")
    )
    by_day: dict[object, list[ScheduleItem]] = defaultdict(list)
    per_person: dict[str, Decimal] = defaultdict(Decimal)
    for item in items:
        by_day[item.day].append(item)
        people = list(item.people.all())
        for person in people:
            per_person[person.username] += item.hours / max(item.people_needed, 1)
    days = []
    for day, label in zip(plant.days, plant.labels, strict=True):
        load = sum((i.hours for i in by_day.get(day, [])), Decimal(0))
        cap = sum(
            (h for (c, d, _t), h in plant.capacity.hours.items() if c == crew.pk and d == day),
            Decimal(0),
        )
        days.append(
            {
                "day": day,
                "label": label,
                "items": by_day.get(day, []),
                "load": load,
                "capacity": cap,
            }
        )
    html = render_to_string(
        "scheduling/crew_pdf.html",
        {"week": week, "crew": crew, "days": days, "per_person": sorted(per_person.items())},
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="schedule-{week.week}-{crew.code}.pdf"'
    return response
