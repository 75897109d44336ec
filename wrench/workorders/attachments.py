"""Attachments: photos and documents on a work order (a request is a work order from its
first minute, so what the requester attached stays with the work for its whole life) or on
an asset (drawings, manuals, certificates).

Stored through the `attachments` storage (settings.STORAGES: a directory under var/ by
default, S3-compatible by setting), never under the web root; served by
/attachments/<id>/ only to people of the site. Deleting keeps the row as a record of who
removed what and when, and removes the stored file.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils import timezone


def attachment_storage() -> Storage:
    return storages["attachments"]


class AttachmentQuerySet(models.QuerySet["Attachment"]):
    def present(self) -> AttachmentQuerySet:
        """Not deleted."""
        return self.filter(deleted_at__isnull=True)


class Attachment(models.Model):
    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    work_order = models.ForeignKey(
        "workorders.WorkOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    asset = models.ForeignKey(
        "assets.Asset", null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(storage=attachment_storage, upload_to="%Y/%m/", max_length=300)
    thumbnail = models.FileField(
        storage=attachment_storage, upload_to="%Y/%m/thumbs/", max_length=300, blank=True
    )
    name = models.CharField(max_length=200, help_text="The file's name as uploaded.")
    size = models.PositiveBigIntegerField(help_text="Bytes stored (after scaling a photo).")
    content_type = models.CharField(max_length=60, help_text="Found from the content.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(work_order__isnull=False, asset__isnull=True)
                | models.Q(work_order__isnull=True, asset__isnull=False),
                name="attachment_on_work_order_or_asset",
            )
        ]
        indexes = [
            models.Index(fields=["work_order", "uploaded_at"], name="attachment_wo"),
            models.Index(fields=["asset", "uploaded_at"], name="attachment_asset"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def url(self) -> str:
        return f"/attachments/{self.pk}/"

    @property
    def thumbnail_url(self) -> str | None:
        return f"/attachments/{self.pk}/thumbnail/" if self.thumbnail else None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.pk,
            "name": self.name,
            "size": self.size,
            "content_type": self.content_type,
            "url": self.url,
        }
