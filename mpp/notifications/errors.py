"""Errors of the notifications app."""

from __future__ import annotations

from mpp.core.errors import DomainError


class SendError(Exception):
    """A message could not be handed to its provider.

    `permanent`: trying again will not help (invalid number, no approved template, the
    gateway refused the request): the message fails at once and the next channel is tried.
    Otherwise it is retried with back-off; `retry_after` (seconds) is the provider's hint.
    """

    def __init__(self, message: str, *, permanent: bool = False, retry_after: int | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after


class NotificationError(DomainError):
    """A request about notifications that cannot be honoured (bad address, bad choice)."""
