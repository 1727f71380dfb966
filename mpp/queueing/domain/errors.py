"""Errors of the queue domain: the core's one family (`mpp.core.errors`), so the API's single
handler (`mpp/api.py`) and the pages render them alike. Each carries the HTTP status the edges
answer with, the field it concerns and a translated message that says what to do next.
`except QueueError` still catches only the queue's own refusals."""

from __future__ import annotations

from mpp.core import errors


class QueueError(errors.DomainError):
    """A rule of the queue was broken (400 unless a subclass says otherwise)."""


class NotFoundError(QueueError, errors.NotFoundError):
    pass


class ForbiddenError(QueueError, errors.ForbiddenError):
    pass


class ConflictError(QueueError, errors.ConflictError):
    pass


class FullError(ConflictError):
    """No seat left (slot or day full); 409 like other conflicts."""
