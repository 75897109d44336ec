"""Attaching photos and documents to a work order or an asset, and removing one.

The file is checked from its content and photos are scaled (workorders/uploads.py) before
anything is written; the row and the stored file are written in one transaction (a file
stored for a transaction that then fails is removed again). Removing keeps the row as the
record of who removed what and when; the stored file goes once the removal is committed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction

from wrench.accounts.models import User
from wrench.assets.models import Asset
from wrench.core import clock
from wrench.core.errors import Conflict, NotAllowed
from wrench.workorders.attachments import Attachment
from wrench.workorders.models import WorkOrder
from wrench.workorders.services.common import check_site
from wrench.workorders.services.create import create_work_order
from wrench.workorders.uploads import prepare

# Who may file documents on an asset (manuals, drawings, certificates, nameplate photos).
ASSET_DOCUMENT_PERMISSIONS = (
    "assets.change_asset",
    "workorders.plan_workorder",
    "workorders.review_request",
    "workorders.complete_work",
)
# Who may remove what someone else attached.
REMOVE_OTHERS = {"work_order": "workorders.change_workorder", "asset": "assets.change_asset"}


def may_file_on_asset(actor: User) -> bool:
    return any(actor.has_perm(p) for p in ASSET_DOCUMENT_PERMISSIONS)


class _Files:
    """Files stored inside one transaction, removed again if it fails."""

    def __init__(self) -> None:
        self.stored: list[tuple[Storage, str]] = []

    def store(self, row: Attachment, name: str, content: bytes, thumbnail: bytes | None) -> None:
        row.file.save(name, ContentFile(content), save=False)
        self.stored.append((row.file.storage, str(row.file.name)))
        if thumbnail is not None:
            stem = name.rsplit(".", 1)[0]
            row.thumbnail.save(f"{stem}-thumb.jpg", ContentFile(thumbnail), save=False)
            self.stored.append((row.thumbnail.storage, str(row.thumbnail.name)))


@contextmanager
def _atomic_with_files() -> Iterator[_Files]:
    files = _Files()
    try:
        with transaction.atomic():
            yield files
    except BaseException:
        for storage, path in files.stored:
            storage.delete(path)
        raise


def attach_to_work_order(
    *, actor: User, work_order: WorkOrder, name: str, content: bytes
) -> Attachment:
    """Attach a photo or PDF to a work order (anyone at its site; a request is a work order,
    so the requester's photos stay with it). Raises ValidationFailed on `file` saying why not."""
    check_site(actor, work_order.site_id)
    if not actor.has_perm("workorders.add_comment"):
        raise NotAllowed(f"attaching needs a role; you are {actor.role_label}")
    ready = prepare(name, content)
    with _atomic_with_files() as files:
        wo = WorkOrder.objects.locked(work_order.pk)
        row = Attachment(
            site_id=wo.site_id,
            work_order=wo,
            name=ready.name,
            size=len(ready.content),
            content_type=ready.content_type,
            uploaded_by=actor,
            uploaded_at=clock.now(),
        )
        files.store(row, ready.name, ready.content, ready.thumbnail)
        row.save()
        return row


def attach_to_asset(*, actor: User, asset: Asset, name: str, content: bytes) -> Attachment:
    """File a document or photo on an asset (supervisor, planner, technician, admin)."""
    check_site(actor, asset.site_id)
    if not may_file_on_asset(actor):
        raise NotAllowed(
            "filing documents on an asset needs the supervisor, planner, technician or admin "
            f"role; you are {actor.role_label}"
        )
    ready = prepare(name, content)
    with _atomic_with_files() as files:
        locked = Asset.objects.select_for_update().get(pk=asset.pk)
        row = Attachment(
            site_id=locked.site_id,
            asset=locked,
            name=ready.name,
            size=len(ready.content),
            content_type=ready.content_type,
            uploaded_by=actor,
            uploaded_at=clock.now(),
        )
        files.store(row, ready.name, ready.content, ready.thumbnail)
        row.save()
        return row


def remove_attachment(*, actor: User, attachment: Attachment) -> Attachment:
    """Remove an attachment: its uploader, or whoever may change the work order (asset).
    Closed work keeps its record (409). The row stays with who removed it and when."""
    check_site(actor, attachment.site_id)
    on = "work_order" if attachment.work_order_id else "asset"
    if attachment.uploaded_by_id != actor.pk and not actor.has_perm(REMOVE_OTHERS[on]):
        raise NotAllowed(
            f"only {attachment.uploaded_by} (who attached it) or a planner or supervisor may "
            f"remove it; you are {actor.role_label}"
        )
    with transaction.atomic():
        if attachment.work_order_id:
            wo = WorkOrder.objects.locked(attachment.work_order_id)
            if wo.status == "CL":
                raise Conflict(
                    f"{wo.number} is closed; its attachments are part of its record",
                    status=wo.status,
                )
        row = Attachment.objects.select_for_update().get(pk=attachment.pk)
        if row.deleted_at is not None:
            return row
        row.deleted_by, row.deleted_at = actor, clock.now()
        row.save(update_fields=["deleted_by", "deleted_at"])
        paths = [str(f.name) for f in (row.file, row.thumbnail) if f]
        storage = row.file.storage

        def _erase() -> None:
            for path in paths:
                storage.delete(path)

        transaction.on_commit(_erase)
    return row


def create_with_attachments(
    *,
    actor: User,
    site: Any,
    codes: dict[str, str],
    files: list[tuple[str, bytes]],
    **data: Any,
) -> WorkOrder:
    """Enter a request and attach its photos in one transaction: a photo refused leaves no
    request behind (and the number is not used)."""
    for name, content in files:
        prepare(name, content)  # refuse before anything is written
    with transaction.atomic():
        wo = create_work_order(actor=actor, site=site, codes=codes, **data)
        for name, content in files:
            attach_to_work_order(actor=actor, work_order=wo, name=name, content=content)
    return wo
