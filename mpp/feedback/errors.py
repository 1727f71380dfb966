"""Errors of the feedback domain. Each carries the HTTP status the edges answer with, the field
it concerns and a translated message that says what to do next."""

from __future__ import annotations


class FeedbackError(Exception):
    status = 400

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFoundError(FeedbackError):
    status = 404


class ForbiddenError(FeedbackError):
    status = 403


class ConflictError(FeedbackError):
    """The operation does not fit the current state (already answered, wrong step …)."""

    status = 409


class IdempotencyMismatchError(FeedbackError):
    """The same Idempotency-Key was sent with a different payload (draft-ietf-httpapi)."""

    status = 422
