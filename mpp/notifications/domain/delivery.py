"""Delivering what is in the outbox, and what the providers report back.

`deliver_notification` is what the task runs: claim the row in a short transaction (the rules
are checked there: expiry, opt-out, quiet hours, daily caps), send outside any transaction
(SQLite must not hold its write lock while a gateway thinks), record the outcome. A failure
that may pass is retried with back-off (1 min, 5 min, 30 min, 2 h) up to
`MPP_NOTIFY_MAX_ATTEMPTS`; a failure that cannot pass (or the last attempt) fails the row and
hands the message to the next channel in its `fallback` list.

Exactly once: a row is claimed by one worker at a time (row lock + status). A worker that dies
after the provider accepted a message but before the outcome was recorded leaves a stale
claim; the provider's status callback (which carries our `reference`) marks it as having left,
and only a claim that stays unconfirmed for `STALE_CLAIM` is sent again.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from mpp.notifications.domain.outbox import email_footer, enqueue, fall_back
from mpp.notifications.enums import (
    DELIVERY_RANK,
    DeliveryStatus,
    NotificationChannel,
    NotificationStatus,
    SuppressReason,
)
from mpp.notifications.errors import SendError
from mpp.notifications.models import Contact, DeliveryEvent, Notification
from mpp.notifications.policy import WHATSAPP_WINDOW, quiet_until, take_caps, zone_of
from mpp.notifications.senders import OutgoingMessage, SendResult, sender_for

logger = logging.getLogger("mpp.notifications")

#: Wait before attempt n+1 (index n-1): 1 min, 5 min, 30 min, 2 h.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
#: A claim older than this belongs to a worker that died: unless the provider confirmed the
#: message meanwhile, it is sent again.
STALE_CLAIM = timedelta(minutes=10)
REDACTED = "[…]"

_zones: dict[int, str] = {}


def _zone_for(row: Notification) -> Any:
    if row.mall_id is None:
        return zone_of(None)
    if row.mall_id not in _zones:
        from mpp.core.models import Mall

        _zones[row.mall_id] = (
            Mall.objects.filter(pk=row.mall_id).values_list("timezone", flat=True).first() or ""
        )
    return zone_of(_zones[row.mall_id])


def _finish(row: Notification, **update: Any) -> None:
    Notification.objects.filter(pk=row.pk).update(**update)
    for name, value in update.items():
        setattr(row, name, value)


def _claim(notification_id: int) -> tuple[Notification, OutgoingMessage] | None:  # noqa: PLR0911 - one exit per rule, in the order they apply
    """Lock the row and decide: send now (returns it, marked `sending`), or not (None: not
    due, already sent, expired, opted out, held for the morning, over a cap)."""
    now = timezone.now()
    with transaction.atomic():
        row = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if row is None:
            return None
        stale = (
            row.status == NotificationStatus.SENDING
            and row.claimed_at is not None
            and row.claimed_at < now - STALE_CLAIM
        )
        if stale and row.delivery_status:
            # The worker died after the provider took the message: its callback says so.
            _finish(row, status=NotificationStatus.SENT, sent_at=row.claimed_at)
            return None
        due = row.status == NotificationStatus.PENDING or (
            row.status in (NotificationStatus.RETRYING, NotificationStatus.SCHEDULED)
            and (row.next_attempt_at is None or row.next_attempt_at <= now)
        )
        if not (due or stale):
            return None
        if row.expires_at is not None and now >= row.expires_at:
            _finish(row, status=NotificationStatus.EXPIRED, next_attempt_at=None)
            return None
        contact = Contact.objects.filter(address=row.to).first()
        if not row.requested and contact is not None and contact.opted_out_at is not None:
            _finish(
                row,
                status=NotificationStatus.SUPPRESSED,
                suppressed_reason=SuppressReason.OPTED_OUT,
                next_attempt_at=None,
            )
            fall_back(row)
            return None
        if not (row.urgent or row.requested):
            until = quiet_until(now, _zone_for(row))
            if until is not None:
                _finish(row, status=NotificationStatus.SCHEDULED, next_attempt_at=until)
                pk = row.pk
                transaction.on_commit(lambda: enqueue(pk, delay=until - now))
                return None
        update: dict[str, Any] = {
            "status": NotificationStatus.SENDING,
            "claimed_at": now,
            "attempts": row.attempts + 1,
        }
        if not row.counted:
            reason = take_caps(channel=row.channel, to=row.to, now=now)
            if reason:
                logger.warning("Notification %s not sent: %s (%s)", row.pk, reason, row.channel)
                _finish(
                    row,
                    status=NotificationStatus.SUPPRESSED,
                    suppressed_reason=reason,
                    next_attempt_at=None,
                )
                return None
            update["counted"] = True
        _finish(row, **update)
    window_open = bool(
        contact is not None
        and contact.last_inbound_at is not None
        and contact.last_inbound_at > now - WHATSAPP_WINDOW
    )
    body = row.body
    if row.channel == NotificationChannel.EMAIL:
        body += email_footer(row.language)
    message = OutgoingMessage(
        channel=row.channel,
        to=row.to,
        body=body,
        subject=row.subject,
        kind=row.kind,
        language=row.language,
        template=row.template_name,
        params=tuple(str(p) for p in row.template_params or ()),
        reference=str(row.reference),
        window_open=window_open,
    )
    return row, message


def deliver_notification(*, notification_id: int) -> str:
    """Send one notification if it is due. Returns its status afterwards."""
    claimed = _claim(notification_id)
    if claimed is None:
        current = Notification.objects.filter(pk=notification_id).values_list("status", flat=True)
        return current.first() or "missing"
    row, message = claimed
    try:
        result = sender_for(row.channel).send(message)
    except SendError as exc:
        return _record_failure(row, exc)
    except Exception as exc:  # an unexpected failure is retried, never raised to the caller
        return _record_failure(row, SendError(f"{type(exc).__name__}: {exc}"))
    return _record_sent(row, result)


def _record_sent(row: Notification, result: SendResult | None) -> str:
    result = result or SendResult()
    update: dict[str, Any] = {
        "status": NotificationStatus.SENT,
        "sent_at": timezone.now(),
        "last_error": "",
        "next_attempt_at": None,
        "provider_message_id": result.provider_id[:128],
    }
    if row.sensitive:
        update["body"] = REDACTED
    with transaction.atomic():
        Notification.objects.filter(pk=row.pk).update(**update)
        # A status callback may have been faster than this answer: never move it backwards.
        if result.delivery_status:
            Notification.objects.filter(pk=row.pk, delivery_status="").update(
                delivery_status=result.delivery_status, delivery_updated_at=timezone.now()
            )
    return NotificationStatus.SENT


def _record_failure(row: Notification, exc: SendError) -> str:
    error = str(exc)[:300]
    logger.warning(
        "Notification %s (%s) failed on attempt %s: %s", row.pk, row.channel, row.attempts, error
    )
    if exc.permanent or row.attempts >= settings.MPP_NOTIFY_MAX_ATTEMPTS:
        with transaction.atomic():
            _finish(
                row,
                status=NotificationStatus.FAILED,
                last_error=error,
                next_attempt_at=None,
            )
            fall_back(row)
            if row.sensitive:
                _finish(row, body=REDACTED)
        return NotificationStatus.FAILED
    delay = BACKOFF[min(row.attempts, len(BACKOFF)) - 1]
    if exc.retry_after:
        delay = max(delay, timedelta(seconds=min(exc.retry_after, 6 * 3600)))
    _finish(
        row,
        status=NotificationStatus.RETRYING,
        last_error=error,
        next_attempt_at=timezone.now() + delay,
    )
    enqueue(row.pk, delay=delay)
    return NotificationStatus.RETRYING


# --- Provider reports -------------------------------------------------------------------------


def _find(*, reference: str, provider_id: str) -> Notification | None:
    if reference:
        try:
            key = uuid.UUID(str(reference))
        except ValueError:
            key = None
        if key is not None:
            row = Notification.objects.filter(reference=key).first()
            if row is not None:
                return row
    if provider_id:
        return Notification.objects.filter(provider_message_id=provider_id[:128]).first()
    return None


def record_delivery_report(
    *,
    status: str,
    reference: str = "",
    provider_id: str = "",
    reported_at: datetime | None = None,
    error: str = "",
) -> Notification | None:
    """Apply one provider report (sent, delivered, read, failed) to its message, found by our
    reference or the provider's id. Reports never move a message backwards and repeated ones
    change nothing. "failed" hands the message to the next channel. Returns the message, or
    None when the report is about no message of ours."""
    if status not in DeliveryStatus.values or not status:
        return None
    rank = {str(k): v for k, v in DELIVERY_RANK.items()}
    with transaction.atomic():
        found = _find(reference=reference, provider_id=provider_id)
        if found is None:
            return None
        row = Notification.objects.select_for_update().get(pk=found.pk)
        if rank[status] <= rank[row.delivery_status or ""]:
            return row
        now = timezone.now()
        DeliveryEvent.objects.create(
            notification=row, status=status, reported_at=reported_at or now, error=error[:300]
        )
        update: dict[str, Any] = {"delivery_status": status, "delivery_updated_at": now}
        if provider_id and not row.provider_message_id:
            update["provider_message_id"] = provider_id[:128]
        if status == DeliveryStatus.FAILED and error:
            update["last_error"] = error[:300]
        _finish(row, **update)
        if status == DeliveryStatus.FAILED:
            fall_back(row)
    return row


# --- The sweep --------------------------------------------------------------------------------


def due_notifications(*, now: datetime | None = None) -> models.QuerySet[Notification]:
    """Rows the sweep should (re)deliver: pending for over a minute (their task was lost),
    retries and scheduled rows whose time has come, and claims of workers that died."""
    now = now or timezone.now()
    return Notification.objects.filter(
        Q(status=NotificationStatus.PENDING, created_at__lte=now - timedelta(minutes=1))
        | Q(
            status__in=(NotificationStatus.RETRYING, NotificationStatus.SCHEDULED),
            next_attempt_at__lte=now,
        )
        | Q(status=NotificationStatus.SENDING, claimed_at__lt=now - STALE_CLAIM)
    ).order_by("pk")


def send_due_notifications(*, limit: int = 500) -> dict[str, int]:
    """Deliver what is due, in this process. Returns a count per resulting status."""
    counts: dict[str, int] = {}
    for pk in list(due_notifications().values_list("pk", flat=True)[:limit]):
        status = deliver_notification(notification_id=pk)
        counts[status] = counts.get(status, 0) + 1
    return counts
