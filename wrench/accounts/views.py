"""Pages of one's own account: personal API tokens."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wrench.accounts.models import User
from wrench.accounts.tokens import create_token, revoke_token
from wrench.core.errors import DomainError


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """List, create and revoke the logged-in user's API tokens. A new token is shown once."""
    user: User = request.user  # type: ignore[assignment]
    context: dict[str, object] = {}
    status = 200
    if request.method == "POST":
        try:
            if "revoke" in request.POST:
                raw = request.POST["revoke"]
                revoke_token(actor=user, token_id=int(raw) if raw.isdigit() else 0)
                context["message"] = "The token was revoked."
            else:
                days = request.POST.get("expires_days", "").strip()
                made = create_token(
                    actor=user,
                    user=user,
                    name=request.POST.get("name", ""),
                    expires_days=int(days) if days.isdigit() else None,
                )
                context["secret"] = made.secret
        except DomainError as exc:
            context["error"] = exc
            status = exc.status_code
    context["tokens"] = user.api_tokens.all()
    return render(request, "accounts/tokens.html", context, status=status)
