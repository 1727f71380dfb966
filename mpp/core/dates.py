"""Sane dates (issue 10.5): every date or datetime a client sends is accepted only between
2000-01-01 and 2099-12-31, so no input reaches the database or date arithmetic out of range
(year 1 or 9999 gave 500s; a bare `0` parsed as 1970). Out of range → a 4xx with a clear message.

API schemas use the annotated types `SaneDate` / `SaneDateTime` (422 in the error shape); pages
call `parse_date` / `check_date`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.utils.translation import gettext as _
from pydantic import AfterValidator, BeforeValidator

FIRST = dt.date(2000, 1, 1)
LAST = dt.date(2099, 12, 31)


def _message() -> str:
    return _("Use a date between %(first)s and %(last)s (YYYY-MM-DD).") % {
        "first": FIRST.isoformat(),
        "last": LAST.isoformat(),
    }


def in_range(day: dt.date) -> bool:
    return FIRST <= day <= LAST


def check_date(value: dt.date) -> dt.date:
    """The date itself, or ValueError with the message (pydantic turns it into a 422)."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if not in_range(day):
        raise ValueError(_message())
    return value


def check_datetime(value: dt.datetime) -> dt.datetime:
    check_date(value.date())
    return value


def _no_bare_numbers(value: object) -> object:
    # Pydantic reads a number as seconds since 1970; a client never means that.
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        raise ValueError(_message())
    return value


SaneDate = Annotated[dt.date, BeforeValidator(_no_bare_numbers), AfterValidator(check_date)]
SaneDateTime = Annotated[
    dt.datetime, BeforeValidator(_no_bare_numbers), AfterValidator(check_datetime)
]


def parse_date(raw: str | None) -> dt.date | None:
    """A page's `YYYY-MM-DD` parameter, or None when missing, malformed or out of range."""
    try:
        day = dt.date.fromisoformat((raw or "").strip())
    except ValueError:
        return None
    return day if in_range(day) else None
