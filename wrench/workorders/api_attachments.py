"""API: photos and documents on work orders (a request's stay with it) and on assets.

Upload as multipart/form-data with the file in the field `file`. The type is found from the
content (photos: JPEG, PNG, GIF, WebP; documents: PDF); anything else, programs above all, is
refused with 400 on `file`, as is a file above WRENCH_ATTACHMENT_MAX_MB (15 MB by default).
Photos are scaled down and get a thumbnail. `url` serves the file to people of the site only.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import File, Router, Status, UploadedFile

from wrench.accounts.access import user_of
from wrench.assets.models import Asset
from wrench.core.errors import NotFound
from wrench.core.filters import parameters
from wrench.core.paging import MAX_LIMIT, answer_page
from wrench.core.schemas import answers
from wrench.workorders.access import work_order
from wrench.workorders.attachments import Attachment
from wrench.workorders.filters_related import AssetAttachmentFilter, AttachmentFilter
from wrench.workorders.schemas import (
    AttachmentOut,
)
from wrench.workorders.services import attach
from wrench.workorders.uploads import check_size

router = Router(tags=["attachments"])


def _content(file: UploadedFile) -> bytes:
    check_size(file.size or 0)
    return bytes(file.read())


def _listed(qs: Any) -> Any:
    return qs.present().select_related("uploaded_by")


@router.post(
    "/work-orders/{number}/attachments", response=answers({201: AttachmentOut}, 400, 403, 404, 409)
)
def attach_to_work_order(request: HttpRequest, number: str, file: File[UploadedFile]) -> Any:
    """Attach a photo or a PDF to the work order (anyone at its site)."""
    made = attach.attach_to_work_order(
        actor=user_of(request),
        work_order=work_order(request, number),
        name=file.name or "file",
        content=_content(file),
    )
    return Status(201, made)


@router.get(
    "/work-orders/{number}/attachments",
    response=answers({200: list[AttachmentOut]}, 400, 404),
    openapi_extra={"parameters": parameters(AttachmentFilter, default_limit=MAX_LIMIT)},
)
def list_work_order_attachments(request: HttpRequest, response: HttpResponse, number: str) -> Any:
    """The work order's attachments (those of its request too), oldest first.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = AttachmentFilter.from_query(request.GET)
    qs = _listed(work_order(request, number).attachments.all())
    return answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)


def _attachment(request: HttpRequest, pk: int, **on: Any) -> Attachment:
    found = (
        Attachment.objects.present()
        .filter(pk=pk, site_id__in=user_of(request).site_ids(), **on)
        .first()
    )
    if found is None:
        raise NotFound(f"no attachment {pk} here")
    return found


@router.delete(
    "/work-orders/{number}/attachments/{pk}", response=answers({204: None}, 403, 404, 409)
)
def remove_work_order_attachment(request: HttpRequest, number: str, pk: int) -> Any:
    """Remove an attachment (its uploader, a planner or a supervisor); recorded, not erased:
    the list no longer shows it, the record keeps who removed it and when."""
    wo = work_order(request, number)
    attach.remove_attachment(
        actor=user_of(request), attachment=_attachment(request, pk, work_order=wo)
    )
    return Status(204, None)


def _asset(request: HttpRequest, code: str, site: str | None) -> Asset:
    found = Asset.objects.filter(site_id__in=user_of(request).site_ids(), code=code)
    if site:
        found = found.filter(site__code=site)
    asset = found.select_related("site").first()
    if asset is None:
        raise NotFound(f"no asset {code!r} at your sites")
    return asset


@router.post("/assets/{code}/attachments", response=answers({201: AttachmentOut}, 400, 403, 404))
def attach_to_asset(
    request: HttpRequest, code: str, file: File[UploadedFile], site: str | None = None
) -> Any:
    """File a document (PDF) or photo on the asset (supervisor, planner, technician, admin)."""
    made = attach.attach_to_asset(
        actor=user_of(request),
        asset=_asset(request, code, site),
        name=file.name or "file",
        content=_content(file),
    )
    return Status(201, made)


@router.get(
    "/assets/{code}/attachments",
    response=answers({200: list[AttachmentOut]}, 400, 404),
    openapi_extra={"parameters": parameters(AssetAttachmentFilter, default_limit=MAX_LIMIT)},
)
def list_asset_attachments(request: HttpRequest, response: HttpResponse, code: str) -> Any:
    """The asset's documents and photos, oldest first.

    Paged by cursor: the next page's cursor is in the `X-Next-Cursor` and `Link` headers."""
    flt = AssetAttachmentFilter.from_query(request.GET)
    qs = _listed(_asset(request, code, flt.site).attachments.all())
    return answer_page(request, response, qs, flt.ordering(), default_limit=MAX_LIMIT)


@router.delete("/assets/{code}/attachments/{pk}", response=answers({204: None}, 403, 404))
def remove_asset_attachment(
    request: HttpRequest, code: str, pk: int, site: str | None = None
) -> Any:
    """Remove a document from the asset (recorded like a work order's)."""
    asset = _asset(request, code, site)
    attach.remove_attachment(
        actor=user_of(request), attachment=_attachment(request, pk, asset=asset)
    )
    return Status(204, None)
