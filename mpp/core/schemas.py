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
