"""Sending the outbox. Idempotent: a sent message is never sent again; concurrent senders
skip rows another holds; a failure is retried later with a growing delay."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from wrench.accounts.models import User
from wrench.core import clock
from wrench.notifications.models import Message, MessageStatus, Preference

log = logging.getLogger(__name__)
# Minutes before attempt 2, 3, 4, … (the last value repeats).
BACKOFF_MINUTES = (1, 5, 30, 120, 720)


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0


def retry_delay(attempts: int) -> dt.timedelta:
    return dt.timedelta(minutes=BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1])


def wants_email(user_id: int) -> bool:
    """E-mail is on unless the person turned it off (the inbox shows every message anyway)."""
    return not Preference.objects.filter(user_id=user_id, email=False).exists()


def set_email(*, actor: User, email: bool) -> Preference:
    """The actor's own choice: e-mail on or off (nobody sets it for another person)."""
    pref, _ = Preference.objects.update_or_create(user_id=actor.pk, defaults={"email": email})
    return pref


def send_due(*, limit: int = 200) -> SendReport:
    """Send every pending message whose time has come (at most `limit`), one at a time."""
    report = SendReport()
    now = clock.now()
    due = list(
        Message.objects.filter(status=MessageStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in due:
        _send_one(pk, report)
    return report


def _send_one(pk: int, report: SendReport) -> None:
    with transaction.atomic():
        msg = (
            Message.objects.select_for_update(skip_locked=True)
            .select_related("recipient")
            .filter(pk=pk, status=MessageStatus.PENDING)
            .first()
        )
        if msg is None:  # sent meanwhile, or another sender holds it
            return
        if not msg.recipient.email:
            msg.status = MessageStatus.SKIPPED
            msg.last_error = f"{msg.recipient.username} has no e-mail address"
            msg.save(update_fields=["status", "last_error"])
            report.skipped += 1
            return
        if not wants_email(msg.recipient_id):
            msg.status = MessageStatus.SKIPPED
            msg.last_error = f"{msg.recipient.username} asked for no e-mail (inbox only)"
            msg.save(update_fields=["status", "last_error"])
            report.skipped += 1
            return
        msg.attempts += 1
        try:
            EmailMessage(msg.subject, msg.body, to=[msg.recipient.email]).send()
        except Exception as exc:  # any transport error: retry later, never raise
            msg.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if msg.attempts >= settings.WRENCH_NOTIFY_MAX_ATTEMPTS:
                msg.status = MessageStatus.FAILED
                report.failed += 1
                log.warning("gave up on message %s: %s", msg.pk, msg.last_error)
            else:
                msg.next_attempt_at = clock.now() + retry_delay(msg.attempts)
                report.retrying += 1
        else:
            msg.status, msg.sent_at, msg.last_error = MessageStatus.SENT, clock.now(), ""
            report.sent += 1
        msg.save(update_fields=["status", "attempts", "next_attempt_at", "last_error", "sent_at"])
