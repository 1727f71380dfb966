"""The API's one error shape (issue 13), used by every router's documented error responses:

    {"detail": "what went wrong and what to do", "errors": [{"field": "…", "message": "…"}]}

`mpp/api.py` renders every `mpp.core.errors.DomainError`, validation error and HTTP error in it.
"""

from __future__ import annotations

from ninja import Schema


class ErrorItem(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem] = []


def error_responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    """`response={200: …, **error_responses(404, 422)}`: the refusals an operation documents."""
    return dict.fromkeys(statuses, ErrorOut)


#: What any public operation that reads a code, a mall or a body may answer: 400 a request the
#: API cannot read, 403 refused, 404 no such thing, 409 conflicts with the current state, 422
#: invalid data, 429 fair use exceeded (with `Retry-After`).
ERRORS = error_responses(400, 403, 404, 409, 422, 429)
#: The same for operations that need a credential: 401 when it is missing or wrong.
SIGNED_IN_ERRORS = error_responses(400, 401, 403, 404, 409, 422, 429)
