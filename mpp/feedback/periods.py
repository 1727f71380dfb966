"""SKM reporting periods: a semester (January–June, July–December) or a calendar year.

PermenPAN-RB 14/2017 asks for the survey at least once a year; agencies usually publish per
semester. A period is written `2026` (the year), `2026-S1` or `2026-S2` in addresses and
open data, so a link names the same figures for everyone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from mpp.core.errors import DomainError

_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-S(?P<half>[12]))?$")
_ROMAN = {1: "I", 2: "II"}


@dataclass(frozen=True)
class SkmPeriod:
    year: int
    half: int | None  # 1 or 2; None = the whole year

    @property
    def code(self) -> str:
        return f"{self.year}-S{self.half}" if self.half else str(self.year)

    @property
    def start(self) -> date:
        return date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    @property
    def label(self) -> str:
        if self.half:
            return _("Semester %(n)s %(year)s") % {"n": _ROMAN[self.half], "year": self.year}
        return _("Year %(year)s") % {"year": self.year}

    def previous(self) -> SkmPeriod:
        """The period before, of the same length (S1 → last year's S2; a year → last year)."""
        if self.half == 2:
            return SkmPeriod(self.year, 1)
        if self.half == 1:
            return SkmPeriod(self.year - 1, 2)
        return SkmPeriod(self.year - 1, None)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def parse_period(raw: str) -> SkmPeriod:
    """'2026' → the year, '2026-S1' / '2026-s2' → a semester; anything else is refused with
    a message that shows the expected form."""
    match = _PATTERN.match((raw or "").strip().upper())
    if not match or not 2000 <= int(match["year"]) <= 2100:
        raise DomainError(
            _("Write the period as a year (2026) or a semester (2026-S1 or 2026-S2)."),
            field="period",
        )
    half = int(match["half"]) if match["half"] else None
    return SkmPeriod(int(match["year"]), half)


def semester_of(day: date) -> SkmPeriod:
    return SkmPeriod(day.year, 1 if day.month <= 6 else 2)


def recent_periods(today: date, years: int = 3) -> list[SkmPeriod]:
    """The choices offered in forms, newest first: semesters and years up to today."""
    out: list[SkmPeriod] = []
    for year in range(today.year, today.year - years, -1):
        if (year == today.year and today.month > 6) or year < today.year:
            out.append(SkmPeriod(year, 2))
        out.append(SkmPeriod(year, 1))
        out.append(SkmPeriod(year, None))
    return [p for p in out if p.start <= today]
