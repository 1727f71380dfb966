"""Opening hours as people write them in a spreadsheet cell, and back.

Stored hours are a list of {"days": [0..6], "opens": "HH:MM", "closes": "HH:MM"} (0 = Monday;
mpp.core.hours). In a cell they read the way agencies publish them:

    Senin-Kamis 08.00-15.00; Jumat 08.00-11.00, 13.00-14.00

Periods are separated by ";" or a line break. Each period is one or more days (a range
"Senin-Kamis" / "Senin s.d. Kamis", or a list "Senin, Rabu dan Jumat"; Indonesian or English
names, common abbreviations) followed by one or more time ranges ("08.00-15.00", "08:00 – 15:00
WIB"). Anything that could be read two ways is refused with a message saying what to write.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mpp.core.hours import validate_opening_hours

#: Canonical Indonesian day names, as export writes them.
DAY_WORDS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

_DAY_SPELLINGS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("senin", "sen", "monday", "mon"),
        ("selasa", "sel", "tuesday", "tue", "tues"),
        ("rabu", "rab", "wednesday", "wed"),
        ("kamis", "kam", "thursday", "thu", "thur", "thurs"),
        ("jumat", "jum'at", "jumaat", "jum", "friday", "fri"),
        ("sabtu", "sab", "saturday", "sat"),
        ("minggu", "ahad", "min", "sunday", "sun"),
    )
):
    for _name in _names:
        _DAY_SPELLINGS[_name] = _index

_TIME = r"(\d{1,2})[.:](\d{2})"
_TIME_RANGE = re.compile(rf"^{_TIME}\s*(?:-|–|—|s\.?d\.?|s/d|sampai|to)\s*{_TIME}(?:\s*wib)?$")
_RANGE_WORDS = re.compile(r"\s*(?:-|–|—|\bs\.?d\.?(?=\s|$)|\bs/d\b|\bsampai\b|\bto\b)\s*")


class HoursError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _day(word: str) -> int:
    key = word.strip().lower().rstrip(".")
    if key not in _DAY_SPELLINGS:
        raise HoursError(
            _("“%(word)s” is not a day; write Senin, Selasa, Rabu, Kamis, Jumat, Sabtu or Minggu.")
            % {"word": word.strip()}
        )
    return _DAY_SPELLINGS[key]


def _days(text: str) -> list[int]:
    days: list[int] = []
    for part in re.split(r"\s*(?:,|\bdan\b|\band\b|&)\s*", text.strip()):
        if not part:
            continue
        bounds = [b for b in _RANGE_WORDS.split(part) if b]
        if len(bounds) == 1:
            days.append(_day(bounds[0]))
        elif len(bounds) == 2:
            first, last = _day(bounds[0]), _day(bounds[1])
            if last < first:
                raise HoursError(
                    _("“%(text)s”: a range of days runs from Monday towards Sunday.")
                    % {"text": part}
                )
            days.extend(range(first, last + 1))
        else:
            raise HoursError(_("“%(text)s” is not a day or a range of days.") % {"text": part})
    if not days:
        raise HoursError(_("Write the days before the times, e.g. Senin-Kamis 08.00-15.00."))
    return sorted(set(days))


def _clock(hours: str, minutes: str) -> str:
    hour, minute = int(hours), int(minutes)
    if (hour > 23 or minute > 59) and (hour, minute) != (24, 0):  # 24.00: the end of the day
        raise HoursError(_("“%(time)s” is not a time of day.") % {"time": f"{hours}.{minutes}"})
    return f"{hour:02d}:{minute:02d}"


def parse_hours_text(text: str) -> list[dict[str, Any]]:
    """The stored periods of a cell; an empty cell is an empty list (the mall's hours)."""
    periods: list[dict[str, Any]] = []
    for chunk in re.split(r"\s*[;\n]\s*", text.strip()):
        if not chunk:
            continue
        match = re.search(r"\d{1,2}[.:]\d{2}", chunk)
        if match is None:
            raise HoursError(
                _("“%(text)s” has no times; write e.g. Senin-Kamis 08.00-15.00.") % {"text": chunk}
            )
        days = _days(chunk[: match.start()])
        for time_range in re.split(r"\s*(?:,|\bdan\b|\band\b)\s*", chunk[match.start() :]):
            found = _TIME_RANGE.match(time_range.strip().lower())
            if found is None:
                raise HoursError(
                    _("“%(text)s” is not a time range; write e.g. 08.00-15.00.")
                    % {"text": time_range.strip()}
                )
            periods.append(
                {
                    "days": days,
                    "opens": _clock(found[1], found[2]),
                    "closes": _clock(found[3], found[4]),
                }
            )
    try:
        validate_opening_hours(periods)
    except ValidationError as error:
        raise HoursError(" ".join(error.messages)) from error
    return periods


def _days_text(days: list[int]) -> str:
    days = sorted(set(days))
    if len(days) > 1 and days == list(range(days[0], days[-1] + 1)):
        return f"{DAY_WORDS[days[0]]}-{DAY_WORDS[days[-1]]}"
    return ", ".join(DAY_WORDS[d] for d in days)


def format_hours_text(periods: list[dict[str, Any]] | None) -> str:
    """The cell text of stored periods (`parse_hours_text` reads it back unchanged)."""
    parts: list[str] = []
    for period in periods or []:
        opens = str(period["opens"]).replace(":", ".")
        closes = str(period["closes"]).replace(":", ".")
        parts.append(f"{_days_text(period['days'])} {opens}-{closes}")
    return "; ".join(parts)
