"""Pages: entering a meter reading on a phone (from the asset's QR page), the planner's
PM plans list and plan page, and the 12-week PM forecast."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from wrench.accounts.models import User
from wrench.assets.models import Asset
from wrench.core import clock
from wrench.core.errors import DomainError, FieldError, ValidationFailed
from wrench.pm import due as dues
from wrench.pm import meters
from wrench.pm.models import Meter, PmPlan, ReadingKind

PLANS_SHOWN = 200


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _asset(request: HttpRequest, code: str) -> Asset:
    found = Asset.objects.filter(site_id__in=_user(request).site_ids(), code=code).first()
    if found is None:
        raise Http404(f"no asset {code} at your sites")
    return found


@login_required
def readings(request: HttpRequest, code: str) -> HttpResponse:
    """One form per meter of the asset: what it shows now (a rollover or a new meter
    declared), saved at once; a refused reading says why beside the field."""
    asset = _asset(request, code)
    asset_meters = list(Meter.objects.filter(asset=asset, active=True).order_by("name"))
    error: DomainError | None = None
    typed: dict[str, str] = {}
    failed_meter = None
    status = 200
    if request.method == "POST":
        typed = {k: request.POST.get(k, "").strip() for k in ("meter", "value", "kind", "at")}
        meter = next((m for m in asset_meters if str(m.pk) == typed["meter"]), None)
        try:
            if meter is None:
                raise ValidationFailed("choose a meter", errors=[FieldError("meter", "required")])
            failed_meter = meter.pk
            at = _when(typed["at"]) if typed["at"] else None
            meters.record_reading(
                meter,
                actor=_user(request),
                value=typed["value"] or "",
                at=at,
                kind=typed["kind"] or ReadingKind.READING,
            )
        except DomainError as exc:
            error, status = exc, 400
        else:
            return redirect(f"{request.path}?done={meter.pk}")
    done = request.GET.get("done", "")
    return render(
        request,
        "pm/readings.html",
        {
            "asset": asset,
            "meters": asset_meters,
            "kinds": ReadingKind.choices,
            "error": error,
            "errors": {e.field: e.message for e in (error.errors if error else [])},
            "typed": typed,
            "failed_meter": failed_meter,
            "done": next((m for m in asset_meters if str(m.pk) == done), None),
        },
        status=status,
    )


def _when(text: str) -> dt.datetime:
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"):
        try:
            return timezone.make_aware(dt.datetime.strptime(text, fmt))
        except ValueError:
            continue
    raise ValidationFailed(
        "the time is not valid",
        errors=[FieldError("at", "YYYY-MM-DD HH:MM, or leave it empty for now")],
    )


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    """Every PM plan at the person's sites with its trigger and next due date."""
    today = clock.now().date()
    rows = list(
        PmPlan.objects.visible_to(_user(request))
        .select_related("asset", "meter", "site")
        .order_by("site__code", "asset__code", "id")[:PLANS_SHOWN]
    )
    for plan in rows:
        plan.next_date = dues.next_due_date(plan, today)
    rows.sort(key=lambda p: p.next_date or dt.date.max)
    return render(request, "pm/plans.html", {"plans": rows, "today": today})


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    found = (
        PmPlan.objects.visible_to(_user(request))
        .select_related("asset", "meter", "site", "job_plan", "owner")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404(f"no PM plan {pk} at your sites")
    today = clock.now().date()
    context: dict[str, Any] = {
        "plan": found,
        "next_date": dues.next_due_date(found, today),
        "time_due": dues.time_due(found),
        "meter_estimate": dues.meter_estimate(found.meter, found.next_meter_due, today),
        "occurrences": list(found.occurrences.select_related("work_order").order_by("-seq")[:50]),
    }
    return render(request, "pm/plan.html", context)


@login_required
def forecast_page(request: HttpRequest) -> HttpResponse:
    """The next 12 weeks of PM load per site: hours by week and trade."""
    from wrench.pm import forecast

    sites = _user(request).site_rows()
    tables = []
    for site in sites:
        data = forecast.weekly(site, 12)
        trades = sorted({r["trade"] for r in data["rows"]})  # type: ignore[attr-defined]
        cells = {(r["week"], r["trade"]): r["hours"] for r in data["rows"]}  # type: ignore[attr-defined]
        unplanned = {r["week"]: r["occurrences"] for r in data["without_job_plan"]}  # type: ignore[attr-defined]
        first = data["first_day"]
        weeks = [first + dt.timedelta(weeks=k) for k in range(12)]  # type: ignore[operator]
        tables.append(
            {
                "site": site,
                "trades": trades,
                "weeks": [
                    {
                        "monday": w,
                        "hours": [cells.get((w, t), "") for t in trades],
                        "unplanned": unplanned.get(w, 0),
                    }
                    for w in weeks
                ],
            }
        )
    return render(request, "pm/forecast.html", {"tables": tables})
