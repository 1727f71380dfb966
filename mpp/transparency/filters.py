"""The dashboard's filters (period and agency), parsed the same way for the page, the open
data downloads and the API. Bad input becomes a list of translated messages, never a 500."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from mpp.catalog.models import Agency

DEFAULT_DAYS = 30
MAX_DAYS = 366


class FilterError(Exception):
    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(message for _field, message in errors))
        self.errors = errors


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    agency: Agency | None


def _parse_date(value: str, name: str, errors: list[tuple[str, str]]) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        errors.append((name, _("Write the date as YYYY-MM-DD, for example 2026-11-01.")))
        return None


def parse_period(
    *,
    start: str | None,
    end: str | None,
    agency: str | None,
    agencies: list[Agency],
    today: date,
) -> Period:
    """Defaults: the last 30 days up to today, all agencies. At most 366 days at once."""
    errors: list[tuple[str, str]] = []
    end_day = _parse_date(end, "to", errors) if end else today
    start_day = (
        _parse_date(start, "from", errors)
        if start
        else (end_day or today) - timedelta(days=DEFAULT_DAYS - 1)
    )
    chosen = None
    if agency:
        chosen = next((a for a in agencies if a.slug == agency), None)
        if chosen is None:
            errors.append(
                ("agency", _("There is no agency with that name; pick one from the list."))
            )
    if start_day and end_day:
        if start_day > end_day:
            errors.append(("from", _("The start of the period must be on or before its end.")))
        elif (end_day - start_day).days + 1 > MAX_DAYS:
            errors.append(
                ("to", _("Choose a period of at most %(days)s days.") % {"days": MAX_DAYS})
            )
    if errors or start_day is None or end_day is None:
        raise FilterError(errors)
    return Period(start_day, end_day, chosen)
