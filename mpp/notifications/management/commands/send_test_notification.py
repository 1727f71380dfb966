"""`manage.py send_test_notification --channel whatsapp|sms|email --to NUMBER_OR_ADDRESS`:
send one test message through the configured sender and print the outcome (the provider's
message id, or why it failed). The message is an ordinary outbox row (kind "test"), so it also
shows on the "Kotak keluar" page and its delivery reports arrive like any other."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from mpp.notifications.domain import deliver_notification, queue_notification, render_text
from mpp.notifications.domain.outbox import canonical_address
from mpp.notifications.enums import NotificationChannel, NotificationStatus
from mpp.notifications.kinds import TEST
from mpp.notifications.models import Notification


class Command(BaseCommand):
    help = "Send one test message through the configured sender and print the outcome."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--channel", required=True, choices=NotificationChannel.values)
        parser.add_argument(
            "--to", required=True, help="a phone number (0812…, +62812…) or an e-mail address"
        )
        parser.add_argument("--text", default="", help="the text (default: a short test text)")

    def handle(self, *args: Any, channel: str, to: str, text: str, **options: Any) -> None:
        address = canonical_address(channel, to)
        if not address:
            what = "an e-mail address" if channel == NotificationChannel.EMAIL else "a phone number"
            raise CommandError(f"{to!r} is not {what} this channel can send to.")
        when = timezone.localtime().strftime("%H.%M %Z")
        body = text or render_text(TEST, mall=None, language="id", context={"time": when})
        with transaction.atomic():
            row = queue_notification(
                channel=channel, to=address, body=body, kind=TEST.key, subject=str(TEST.subject)
            )
        if row is None:  # pragma: no cover - the address was checked above
            raise CommandError("Nothing was queued.")
        senders: dict[str, str] = {
            NotificationChannel.EMAIL: settings.EMAIL_BACKEND,
            NotificationChannel.SMS: settings.MPP_SMS_SENDER,
            NotificationChannel.WHATSAPP: settings.MPP_WHATSAPP_SENDER,
        }
        sender = senders[channel]
        self.stdout.write(f"Sending notification #{row.pk} by {channel} through {sender} …")
        status = deliver_notification(notification_id=row.pk)
        deadline = time.monotonic() + settings.MPP_NOTIFY_HTTP_TIMEOUT + 5
        # A running worker may have taken the row first: wait for its outcome.
        while status in {NotificationStatus.PENDING, NotificationStatus.SENDING}:
            if time.monotonic() > deadline:
                break
            time.sleep(0.5)
            status = Notification.objects.values_list("status", flat=True).get(pk=row.pk)
        row.refresh_from_db()
        if row.status == NotificationStatus.SENT:
            provider = row.provider_message_id or "—"
            self.stdout.write(self.style.SUCCESS(f"Sent. Provider's message id: {provider}"))
            return
        if row.status == NotificationStatus.RETRYING:
            raise CommandError(
                f"Not sent yet: {row.last_error}. It will be retried at "
                f"{timezone.localtime(row.next_attempt_at):%H.%M} (attempt {row.attempts})."
            )
        reason = row.last_error or row.get_suppressed_reason_display() or row.get_status_display()
        raise CommandError(f"Not sent ({row.status}): {reason}")
