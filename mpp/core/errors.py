"""The one family of domain errors.

A domain function that refuses raises a `DomainError` (or a subclass) carrying a translated
message that says what to do next, the field it concerns (for forms and the API's `errors`
list) and the HTTP status the edges answer with. Pages render the same message next to the
field or in the error summary; the API's single exception handler (`mpp/api.py`) turns it into

    {"detail": message, "errors": [{"field": field, "message": message}, ...]}

with `status` (and `Retry-After` for `TooManyRequestsError`).
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken. `errors` maps further fields to their own messages."""

    status = 400

    def __init__(
        self, message: str, *, field: str = "", errors: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = str(message)
        self.field = field
        self.errors: dict[str, str] = dict(errors or ({field: self.message} if field else {}))

    def as_items(self) -> list[dict[str, str]]:
        """The API's `errors` list: one item per field."""
        return [{"field": name, "message": str(text)} for name, text in self.errors.items()]


class NotFoundError(DomainError):
    """Nothing by that name or code here (or nothing the caller may know about)."""

    status = 404


class ForbiddenError(DomainError):
    status = 403


class ConflictError(DomainError):
    """The operation does not fit the current state (already taken, already answered, full)."""

    status = 409


class UnprocessableError(DomainError):
    """Well-formed but unusable (e.g. an Idempotency-Key reused with another payload)."""

    status = 422


class TooManyRequestsError(DomainError):
    """A fair-use limit was reached; `retry_after` seconds until the next try may succeed."""

    status = 429

    def __init__(
        self,
        message: str,
        *,
        retry_after: int,
        field: str = "",
        errors: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message, field=field, errors=errors)
        self.retry_after = max(1, int(retry_after))


class UnavailableError(DomainError):
    """A dependency (the database, a gateway) is down; try again shortly."""

    status = 503
