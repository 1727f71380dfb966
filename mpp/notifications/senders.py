"""Where messages leave the platform.

E-mail always goes through Django's e-mail backend (SMTP in production). SMS and WhatsApp go
through a pluggable sender named in settings (`MPP_SMS_SENDER`, `MPP_WHATSAPP_SENDER`): any
class with `send(*, to, subject, body)` that raises `SendError` (or anything else) on failure.
`LogSender`, the default, writes the message to the log, for development.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from mpp.notifications.enums import NotificationChannel

logger = logging.getLogger("mpp.notifications")


class SendError(Exception):
    """The message could not be delivered this time (it will be retried)."""


class Sender(Protocol):
    def send(self, *, to: str, subject: str, body: str) -> None: ...


class EmailSender:
    def send(self, *, to: str, subject: str, body: str) -> None:
        sent = send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
        if sent != 1:
            raise SendError("the e-mail backend accepted no message")


class LogSender:
    """Development sender: the message goes to the log (and so to the console)."""

    def send(self, *, to: str, subject: str, body: str) -> None:
        logger.info("Message to %s: %s", to, body)


@lru_cache(maxsize=8)
def _load(path: str) -> Sender:
    return import_string(path)()


def sender_for(channel: str) -> Sender:
    if channel == NotificationChannel.EMAIL:
        return EmailSender()
    if channel == NotificationChannel.SMS:
        return _load(settings.MPP_SMS_SENDER)
    if channel == NotificationChannel.WHATSAPP:
        return _load(settings.MPP_WHATSAPP_SENDER)
    raise SendError(f"unknown channel {channel!r}")
