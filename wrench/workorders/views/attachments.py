"""Attachments on the pages: upload from the work order page, My work, an asset's page and
the request form (phone camera), remove one, and hand out a file to people of its site."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from wrench.accounts.models import User
from wrench.accounts.tokens import user_for_token
from wrench.assets.models import Asset
from wrench.core.errors import DomainError
from wrench.workorders.attachments import Attachment
from wrench.workorders.services import attach
from wrench.workorders.uploads import check_size
from wrench.workorders.views.common import message_of, user_of, visible_work_order

ERROR_KEY = "attach_error"  # session: the last refusal, shown once by the section it targets


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def _refused(request: HttpRequest, where: str, error: DomainError) -> None:
    request.session[ERROR_KEY] = {"where": where, "message": message_of(error)}


def _files(request: HttpRequest) -> list[tuple[str, bytes]]:
    """The uploaded files (field `file`, several allowed); a file over the limit is refused
    before it is read."""
    found = []
    for upload in request.FILES.getlist("file"):
        check_size(upload.size or 0)
        found.append((upload.name or "file", upload.read()))
    return found


@login_required
@require_POST
def attach_to_work_order(request: HttpRequest, number: str) -> HttpResponse:
    wo = visible_work_order(request, number)
    back = _back(request, wo.get_absolute_url())
    try:
        files = _files(request)
        for name, content in files:
            attach.attach_to_work_order(
                actor=user_of(request), work_order=wo, name=name, content=content
            )
    except DomainError as error:
        _refused(request, f"wo:{wo.number}", error)
        return redirect(back)
    return redirect(back)


@login_required
@require_POST
def attach_to_asset(request: HttpRequest, code: str) -> HttpResponse:
    asset = (
        Asset.objects.filter(site_id__in=user_of(request).site_ids(), code=code)
        .select_related("site")
        .first()
    )
    if asset is None:
        raise Http404(f"no asset {code} at your sites")
    back = _back(request, f"/assets/{asset.code}/#documents")
    try:
        for name, content in _files(request):
            attach.attach_to_asset(actor=user_of(request), asset=asset, name=name, content=content)
    except DomainError as error:
        _refused(request, f"asset:{asset.pk}", error)
    return redirect(back)


@login_required
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    row = _visible(user_of(request), pk)
    where = f"wo:{row.work_order.number}" if row.work_order else f"asset:{row.asset_id}"
    fallback = row.work_order.get_absolute_url() if row.work_order else f"/assets/{row.asset.code}/"  # type: ignore[union-attr]
    try:
        attach.remove_attachment(actor=user_of(request), attachment=row)
    except DomainError as error:
        _refused(request, where, error)
    return redirect(_back(request, fallback))


def _visible(user: User, pk: int) -> Attachment:
    row = (
        Attachment.objects.present()
        .filter(pk=pk, site_id__in=user.site_ids())
        .select_related("work_order", "asset")
        .first()
    )
    if row is None:
        raise Http404("no such attachment at your sites")
    return row


def _person(request: HttpRequest) -> User | None:
    """The session's user, or a personal API token's (Authorization: Bearer wr_…)."""
    if isinstance(request.user, User) and request.user.is_authenticated:
        return request.user
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        user, _ = user_for_token(header[7:].strip())
        return user
    return None


def _serve(request: HttpRequest, pk: int, *, thumbnail: bool) -> FileResponse:
    person = _person(request)
    if person is None:
        raise Http404("no such attachment at your sites")  # not even its existence
    row = _visible(person, pk)
    stored = row.thumbnail if thumbnail else row.file
    if not stored:
        raise Http404("this attachment has no thumbnail")
    response = FileResponse(
        stored.open("rb"),
        content_type="image/jpeg" if thumbnail else row.content_type,
        as_attachment=False,
        filename=row.name,
    )
    # The file is only ever shown, never run as a page of this site.
    response["Content-Security-Policy"] = (
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def serve(request: HttpRequest, pk: int) -> FileResponse:
    return _serve(request, pk, thumbnail=False)


def serve_thumbnail(request: HttpRequest, pk: int) -> FileResponse:
    return _serve(request, pk, thumbnail=True)
