"""Opening hours stored as data: a list of {"days": [0..6], "opens": "HH:MM", "closes": "HH:MM"}.

A period that runs to midnight closes at "24:00" (the end of the day, as ISO 8601 writes it);
"24:00" never opens a period.

Weekday numbers follow Python (0 = Monday). Kept as JSON because malls and agencies publish
irregular hours ("Senin–Kamis 08.00–15.00, Jumat 08.00–11.00"); validation keeps it honest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
END_OF_DAY = "24:00"

WEEKDAY_NAMES = [
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
]


def validate_opening_hours(value: Any) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Opening hours must be a list of periods."))
    for index, period in enumerate(value, start=1):
        if not isinstance(period, dict):
            raise ValidationError(_("Period %(n)s must be an object.") % {"n": index})
        days = period.get("days")
        if (
            not isinstance(days, list)
            or not days
            or not all(isinstance(d, int) and 0 <= d <= 6 for d in days)
        ):
            raise ValidationError(
                _("Period %(n)s: days must be weekday numbers 0 (Monday) to 6 (Sunday).")
                % {"n": index}
            )
        opens, closes = period.get("opens"), period.get("closes")
        if not (isinstance(opens, str) and _TIME.match(opens)) or not (
            isinstance(closes, str) and (_TIME.match(closes) or closes == END_OF_DAY)
        ):
            raise ValidationError(_("Period %(n)s: times must look like 08:00.") % {"n": index})
        if opens >= closes:
            raise ValidationError(
                _("Period %(n)s: closing time must be after opening time.") % {"n": index}
            )


def _day_range_label(days: list[int]) -> str:
    days = sorted(set(days))
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return f"{WEEKDAY_NAMES[days[0]]}–{WEEKDAY_NAMES[days[-1]]}"
    return ", ".join(str(WEEKDAY_NAMES[d]) for d in days)


def describe_opening_hours(periods: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
    """Human rows like ("Senin–Kamis", "08.00–15.00 WIB"), in the active language."""
    rows = []
    for period in periods:
        hours = f"{period['opens'].replace(':', '.')}–{period['closes'].replace(':', '.')}"
        rows.append((_day_range_label(period["days"]), hours))
    return rows
