"""A record of each import: what was sent, who sent it, how far it got and its report.

The page runs a long import as a background task and shows its progress from this row;
the command and the API keep one too, so every move-in is on record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for the task worker"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Stopped by an error"


class ImportRun(models.Model):
    site = models.ForeignKey(
        "assets.Site", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20)
    file_name = models.CharField(max_length=200)
    # Where the uploaded file is kept (under var/imports/) until it is imported; empty after.
    stored_file = models.CharField(max_length=300, blank=True)
    mapping_name = models.CharField(max_length=200)
    mapping = models.TextField(help_text="The mapping file's TOML, as sent.")
    dry_run = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    rows_read = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True, help_text="Estimated.")
    report = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("import_data", "Import assets, work orders and stock from a legacy system")]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} ({self.status})"
