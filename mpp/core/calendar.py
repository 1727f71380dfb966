"""Working days: Monday–Friday, minus national holidays, collective leave and mall closures,
plus any weekend day declared a working day. Deadlines across the platform (applications,
complaints) are counted with these functions.

Rules:
- A deadline of N working days from a moment counts the N working days *after* the day of
  that moment (the day something is submitted does not count), and the deadline is the end of
  the Nth working day.
- Mall-specific rows override national rows for the same date.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from django.db.models import Q

from mpp.core.enums import DayKind
from mpp.core.models import CalendarDay, Mall

_NON_WORKING = {DayKind.HOLIDAY, DayKind.COLLECTIVE_LEAVE, DayKind.LOCAL_CLOSURE}


class WorkingCalendar:
    """A snapshot of the calendar rows of one mall over a date window, for fast counting."""

    def __init__(self, mall: Mall | None, start: date, end: date) -> None:
        rows = CalendarDay.objects.filter(day__gte=start, day__lte=end)
        if mall is None:
            rows = rows.filter(mall__isnull=True)
        else:
            rows = rows.filter(Q(mall__isnull=True) | Q(mall=mall))
        self.exceptions: dict[date, str] = {}
        # National rows first, then the mall's own rows override them.
        for row in sorted(rows, key=lambda r: r.mall_id is not None):
            self.exceptions[row.day] = row.kind

    def is_working_day(self, day: date) -> bool:
        kind = self.exceptions.get(day)
        if kind == DayKind.EXTRA_WORKING_DAY:
            return True
        if kind in _NON_WORKING:
            return False
        return day.weekday() < 5


def _calendar_for(mall: Mall | None, start: date, span_days: int) -> WorkingCalendar:
    return WorkingCalendar(mall, start - timedelta(days=1), start + timedelta(days=span_days))


def is_working_day(day: date, *, mall: Mall | None = None) -> bool:
    return _calendar_for(mall, day, 1).is_working_day(day)


def add_working_days(start: date, days: int, *, mall: Mall | None = None) -> date:
    """The date on which `days` working days after `start` have passed.

    add_working_days(Friday, 1) is the next Monday (when it is a working day);
    add_working_days(d, 0) is d itself.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    # Long Lebaran breaks can add two weeks; size the window generously and grow if needed.
    span = days * 2 + 30
    while True:
        calendar = _calendar_for(mall, start, span)
        current, remaining = start, days
        limit = start + timedelta(days=span)
        while remaining and current < limit:
            current += timedelta(days=1)
            if calendar.is_working_day(current):
                remaining -= 1
        if not remaining:
            return current
        span *= 2


def working_days_between(start: date, end: date, *, mall: Mall | None = None) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    calendar = WorkingCalendar(mall, start, end)
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        if calendar.is_working_day(current):
            count += 1
    return count


@lru_cache(maxsize=8)
def _holiday_names(year: int, category: str) -> tuple[tuple[date, str], ...]:
    import holidays

    table = holidays.country_holidays("ID", years=[year], categories=(category,), language="id")
    return tuple(sorted(table.items()))


def load_national_calendar(years: list[int]) -> int:
    """Insert Indonesia's public holidays and collective leave for these years from the
    `holidays` package. Existing rows are left alone, so edits by the mall manager survive.
    Returns how many rows were added."""
    added = 0
    for year in years:
        for category, kind in (
            ("public", DayKind.HOLIDAY),
            ("government", DayKind.COLLECTIVE_LEAVE),
        ):
            for day, name in _holiday_names(year, category):
                # Weekend holidays change nothing for a Monday–Friday week but are kept so the
                # calendar page is complete.
                _row, created = CalendarDay.objects.get_or_create(
                    mall=None,
                    day=day,
                    defaults={
                        "kind": kind,
                        "name": name,
                        "source": f"holidays package ({category}); verify against the SKB",
                    },
                )
                added += int(created)
    return added
