"""Sending a message to a person, for the apps below `notifications` in the import graph.

`accounts` sends one-time codes, but `notifications` depends on `accounts` (staff pages, e-mail
addresses): so `accounts` cannot import `notifications`. It calls `send_message` here instead,
and `NotificationsConfig.ready()` registers the outbox (`queue_notification`) as the sender
(`provide_sender`). The message is stored in the outbox inside the caller's transaction and
sent in the background after commit, as every other message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

#: `mpp.notifications.domain.queue_notification`.
Sender = Callable[..., Any]


_sender: list[Sender] = []


def provide_sender(sender: Sender) -> None:
    """Register the outbox (notifications does, once)."""
    _sender[:] = [sender]


def send_message(*, channel: str, to: str, body: str, kind: str, **options: Any) -> Any:
    """Queue one message for one channel ("email", "sms", "whatsapp") through the outbox.
    `options` are the outbox's own (`subject`, `user`, `sensitive`, …)."""
    if not _sender:
        raise ImproperlyConfigured("No message sender: is mpp.notifications installed?")
    return _sender[0](channel=channel, to=to, body=body, kind=kind, **options)
