"""The inbox page: my notifications, newest first; mark read one by one (htmx) or all."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from wrench.accounts.models import User
from wrench.core.errors import NotFound
from wrench.notifications import inbox, services

PAGE = 100


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
def inbox_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    only_unread = request.GET.get("show") == "unread"
    qs = inbox.mine(user)
    if only_unread:
        qs = qs.filter(read_at__isnull=True)
    return render(
        request,
        "notifications/inbox.html",
        {
            "items": list(qs[:PAGE]),
            "only_unread": only_unread,
            "unread": inbox.unread_count(user),
            "email": services.wants_email(user.pk),
            "more": qs.count() > PAGE,
        },
    )


@login_required
@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        msg = inbox.mark_read(actor=_user(request), message_id=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    if request.headers.get("HX-Request"):
        response = render(request, "notifications/_item.html", {"m": msg})
        response["HX-Trigger"] = "inbox-changed"
        return response
    return redirect("inbox")


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    n = inbox.mark_all_read(actor=_user(request))
    messages.success(request, f"{n} notification{'s' if n != 1 else ''} marked read.")
    return redirect("inbox")


@login_required
def bell(request: HttpRequest) -> HttpResponse:
    """The header's bell alone, re-read by htmx after something is marked read."""
    return render(request, "notifications/_bell.html", {"unread": inbox.bell_label(_user(request))})


@login_required
@require_POST
def preference(request: HttpRequest) -> HttpResponse:
    email = request.POST.get("email") == "on"
    services.set_email(actor=_user(request), email=email)
    messages.success(
        request, "Saved: e-mail and inbox." if email else "Saved: inbox only, no e-mail."
    )
    return redirect("inbox")
