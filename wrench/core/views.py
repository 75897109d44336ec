from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from wrench.workorders.models import WorkOrder
from wrench.workorders.status import Status


@login_required
def home(request: HttpRequest) -> HttpResponse:
    counts = dict(
        WorkOrder.objects.visible_to(request.user)  # type: ignore[arg-type]
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    rows = [(s.value, s.label, counts.get(s.value, 0)) for s in Status]
    return render(request, "core/home.html", {"rows": rows})


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})
