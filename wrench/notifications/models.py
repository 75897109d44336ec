"""The outbox: one row per message to one person, sent later by a task, retried on failure."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class MessageStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent (or retried)"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed: gave up after the last attempt"
    SKIPPED = "skipped", "Skipped: no e-mail address, or the person asked for none"


class Message(models.Model):
    site = models.ForeignKey("assets.Site", on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="messages"
    )
    work_order = models.ForeignKey(
        "workorders.WorkOrder", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event = models.ForeignKey(
        "workorders.WorkOrderEvent",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The lifecycle event that caused the message.",
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(
        max_length=8, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    # The in-app inbox: every message is also there, read or not, whatever e-mail did.
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # One message per person per event: replaying a signal never tells anyone twice.
            models.UniqueConstraint(
                "event", "recipient", condition=Q(event__isnull=False), name="one_message_per_event"
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="message_due"),
            models.Index(fields=["recipient", "read_at"], name="message_inbox"),
        ]

    def __str__(self) -> str:
        return f"to {self.recipient_id}: {self.subject} ({self.status})"


class Preference(models.Model):
    """How a person wants to be told: always in the inbox; by e-mail too unless they say no."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
    )
    email = models.BooleanField(
        "Also send me e-mail", default=True, help_text="The inbox shows every message anyway."
    )

    def __str__(self) -> str:
        return f"{self.user_id}: e-mail {'on' if self.email else 'off'}"
