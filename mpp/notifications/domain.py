"""Queueing and delivering notifications.

`queue_notification` writes an outbox row inside the caller's transaction and enqueues the
delivery task once that transaction commits, so a request never waits for SMTP or an SMS
gateway and a rolled-back change sends nothing. `deliver_notification` is what the task runs:
claim the row (short transaction), send (outside any transaction: SQLite must not hold its
write lock while an SMTP server thinks), record the outcome. Failures are retried with
backoff up to `MPP_NOTIFY_MAX_ATTEMPTS`; then the row is marked failed.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from mpp.notifications.enums import NotificationChannel, NotificationStatus
from mpp.notifications.models import Notification
from mpp.notifications.senders import sender_for

logger = logging.getLogger("mpp.notifications")

#: Wait before attempt n+1 (index n-1): 1 min, 5 min, 30 min, 2 h.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
#: A row claimed longer ago than this belongs to a worker that died: deliver it again.
STALE_CLAIM = timedelta(minutes=10)
REDACTED = "[…]"


def queue_notification(
    *,
    channel: str,
    to: str,
    body: str,
    kind: str,
    subject: str = "",
    user: Any = None,
    mall: Any = None,
    obj: models.Model | None = None,
    sensitive: bool = False,
) -> Notification | None:
    """Store a message and have it sent in the background after commit. Returns None (and
    stores nothing) when there is no address to send to."""
    if not to:
        return None
    if channel not in NotificationChannel.values:
        raise ValueError(f"unknown channel {channel!r}")
    notification = Notification.objects.create(
        channel=channel,
        to=to[:254],
        subject=subject[:200],
        body=body,
        kind=kind,
        user=user if getattr(user, "pk", None) else None,
        mall=mall,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        sensitive=sensitive,
    )
    transaction.on_commit(lambda: _enqueue(notification.pk))
    return notification


def _enqueue(notification_id: int, *, delay: timedelta | None = None) -> None:
    """Hand the delivery to the task backend. Never raises: the row stays pending and the
    sweep (`send_pending_notifications`) delivers it if the backend is unavailable."""
    from mpp.notifications.tasks import deliver

    try:
        task = deliver
        if delay is not None and task.get_backend().supports_defer:
            task = task.using(run_after=timezone.now() + delay)
        elif delay is not None:
            return  # the sweep picks retries up when the backend cannot defer
        task.enqueue(notification_id)
    except Exception:
        logger.warning(
            "Could not enqueue notification %s; the sweep will send it",
            notification_id,
            exc_info=True,
        )


def _claim(notification_id: int) -> Notification | None:
    now = timezone.now()
    with transaction.atomic():
        row = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if row is None:
            return None
        due = row.status == NotificationStatus.PENDING or (
            row.status == NotificationStatus.RETRYING
            and (row.next_attempt_at is None or row.next_attempt_at <= now)
        )
        stale = (
            row.status == NotificationStatus.SENDING
            and row.claimed_at is not None
            and row.claimed_at < now - STALE_CLAIM
        )
        if not (due or stale):
            return None
        row.status = NotificationStatus.SENDING
        row.claimed_at = now
        row.attempts += 1
        row.save(update_fields=["status", "claimed_at", "attempts"])
        return row


def deliver_notification(*, notification_id: int) -> str:
    """Send one notification if it is due. Returns its status afterwards."""
    row = _claim(notification_id)
    if row is None:
        current = Notification.objects.filter(pk=notification_id).values_list("status", flat=True)
        return current.first() or "missing"
    try:
        sender_for(row.channel).send(to=row.to, subject=row.subject, body=row.body)
    except Exception as exc:  # any gateway failure is retried, never raised to the caller
        return _record_failure(row, exc)
    update: dict[str, Any] = {
        "status": NotificationStatus.SENT,
        "sent_at": timezone.now(),
        "last_error": "",
    }
    if row.sensitive:
        update["body"] = REDACTED
    Notification.objects.filter(pk=row.pk).update(**update)
    return NotificationStatus.SENT


def _record_failure(row: Notification, exc: Exception) -> str:
    error = f"{type(exc).__name__}: {exc}"[:300]
    logger.warning(
        "Notification %s (%s) failed on attempt %s: %s", row.pk, row.channel, row.attempts, error
    )
    if row.attempts >= settings.MPP_NOTIFY_MAX_ATTEMPTS:
        update: dict[str, Any] = {
            "status": NotificationStatus.FAILED,
            "last_error": error,
            "next_attempt_at": None,
        }
        if row.sensitive:
            update["body"] = REDACTED
        Notification.objects.filter(pk=row.pk).update(**update)
        return NotificationStatus.FAILED
    delay = BACKOFF[min(row.attempts, len(BACKOFF)) - 1]
    Notification.objects.filter(pk=row.pk).update(
        status=NotificationStatus.RETRYING,
        last_error=error,
        next_attempt_at=timezone.now() + delay,
    )
    _enqueue(row.pk, delay=delay)
    return NotificationStatus.RETRYING


def due_notifications(*, now: Any = None) -> models.QuerySet[Notification]:
    """Rows the sweep should (re)deliver: pending for over a minute (their task was lost),
    retries whose time has come, and claims of workers that died."""
    now = now or timezone.now()
    return Notification.objects.filter(
        Q(status=NotificationStatus.PENDING, created_at__lte=now - timedelta(minutes=1))
        | Q(status=NotificationStatus.RETRYING, next_attempt_at__lte=now)
        | Q(status=NotificationStatus.SENDING, claimed_at__lt=now - STALE_CLAIM)
    ).order_by("pk")


def send_due_notifications(*, limit: int = 500) -> dict[str, int]:
    """Deliver what is due, in this process. Returns a count per resulting status."""
    counts: dict[str, int] = {}
    for pk in list(due_notifications().values_list("pk", flat=True)[:limit]):
        status = deliver_notification(notification_id=pk)
        counts[status] = counts.get(status, 0) + 1
    return counts
