"""Errors of the queue domain. Each carries the HTTP status the edges answer with, the field it
concerns (for the API's `errors` list) and a translated message that says what to do next."""

from __future__ import annotations


class QueueError(Exception):
    status = 400

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFoundError(QueueError):
    status = 404


class ForbiddenError(QueueError):
    status = 403


class ConflictError(QueueError):
    status = 409


class FullError(ConflictError):
    """No seat left (slot or day full); 409 like other conflicts."""
