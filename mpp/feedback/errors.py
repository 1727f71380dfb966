"""Errors of the feedback domain: the core's one family (`mpp.core.errors`), so the API's single
handler (`mpp/api.py`) and the pages render them alike. Each carries the HTTP status the edges
answer with, the field it concerns and a translated message that says what to do next."""

from __future__ import annotations

from mpp.core import errors


class FeedbackError(errors.DomainError):
    """A rule of the survey or the complaints was broken (400 unless a subclass says)."""


class NotFoundError(FeedbackError, errors.NotFoundError):
    pass


class ForbiddenError(FeedbackError, errors.ForbiddenError):
    pass


class ConflictError(FeedbackError, errors.ConflictError):
    """The operation does not fit the current state (already answered, wrong step …)."""


class IdempotencyMismatchError(FeedbackError, errors.UnprocessableError):
    """The same Idempotency-Key was sent with a different payload (draft-ietf-httpapi)."""
