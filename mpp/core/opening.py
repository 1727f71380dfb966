"""When the mall serves: one answer for slots, kiosk tickets, bookings and rooms (ADR 0018).

The mall's weekly hours (`Mall.opening_hours`, e.g. Ngawi Mon–Thu 08.00–15.00, Fri 08.00–14.00)
apply on working days of the calendar: national holidays and mall closures are closed, cuti
bersama is closed unless `Mall.open_on_collective_leave`, and a weekend day declared a working
day opens with its own weekday's hours, or Monday's when that weekday has none. A mall
without recorded hours is treated as always open (nothing to enforce).

`is_open(mall, at)` and `next_opening(mall, after)` are the two questions; `closed_message`
words the answer for a citizen, Indonesian or English by the active language.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _

from mpp.core.clock import mall_zone
from mpp.core.enums import DayKind
from mpp.core.models import CalendarDay, Mall

# How far ahead to look for the next opening (Lebaran breaks last about two weeks).
_HORIZON_DAYS = 60


def _zone(mall: Mall) -> ZoneInfo:
    return mall_zone(mall)


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _day_kinds(mall: Mall, start: date, end: date) -> dict[date, str]:
    rows = CalendarDay.objects.filter(day__gte=start, day__lte=end).filter(
        Q(mall__isnull=True) | Q(mall=mall)
    )
    kinds: dict[date, str] = {}
    for row in sorted(rows, key=lambda r: r.mall_id is not None):  # the mall's rows win
        kinds[row.day] = row.kind
    return kinds


def _periods(mall: Mall, day: date, kind: str | None) -> list[tuple[int, int]]:
    """Open intervals of `day` in minutes after midnight (empty: closed all day)."""
    if kind in (DayKind.HOLIDAY, DayKind.LOCAL_CLOSURE):
        return []
    if kind == DayKind.COLLECTIVE_LEAVE and not mall.open_on_collective_leave:
        return []
    hours = mall.opening_hours or []
    weekday = day.weekday()
    periods = [(_minutes(p["opens"]), _minutes(p["closes"])) for p in hours if weekday in p["days"]]
    if not periods and kind == DayKind.EXTRA_WORKING_DAY:
        periods = [(_minutes(p["opens"]), _minutes(p["closes"])) for p in hours if 0 in p["days"]]
    return sorted(periods)


def day_periods(mall: Mall, day: date) -> list[tuple[int, int]] | None:
    """The mall's open intervals on `day` in minutes after midnight; None when it records no
    hours (no limit)."""
    if not has_hours(mall):
        return None
    return _periods(mall, day, _day_kinds(mall, day, day).get(day))


def has_hours(mall: Mall) -> bool:
    return bool(mall.opening_hours)


def open_days(mall: Mall, start: date, end: date) -> set[date]:
    """The days from `start` to `end` (inclusive) on which the mall serves."""
    days = {start + timedelta(days=n) for n in range((end - start).days + 1)}
    if not has_hours(mall):
        return days
    kinds = _day_kinds(mall, start, end)
    return {d for d in days if _periods(mall, d, kinds.get(d))}


def is_open(mall: Mall, at: datetime) -> bool:
    if not has_hours(mall):
        return True
    local = at.astimezone(_zone(mall))
    day = local.date()
    minute = local.hour * 60 + local.minute
    periods = _periods(mall, day, _day_kinds(mall, day, day).get(day))
    return any(start <= minute < end for start, end in periods)


def next_opening(mall: Mall, after: datetime) -> datetime | None:
    """The first moment at or after `after` when the mall serves (None: not within 60 days)."""
    if not has_hours(mall):
        return after
    zone = _zone(mall)
    local = after.astimezone(zone)
    start = local.date()
    kinds = _day_kinds(mall, start, start + timedelta(days=_HORIZON_DAYS))
    now_minute = local.hour * 60 + local.minute
    for offset in range(_HORIZON_DAYS + 1):
        day = start + timedelta(days=offset)
        for opens, closes in _periods(mall, day, kinds.get(day)):
            if offset == 0:
                if closes <= now_minute:
                    continue
                if opens <= now_minute:
                    return after
            return datetime.combine(day, time(opens // 60, opens % 60), tzinfo=zone)
    return None


def demo_switch_on() -> bool:
    """The demo switch (`MPP_DEMO_MODE`, on only in `make run`): walk-ins at any hour."""
    return bool(getattr(settings, "MPP_DEMO_MODE", False))


def walk_ins_open(mall: Mall, at: datetime) -> bool:
    """Walk-in tickets: the real hours, or any hour when the demo switch is on."""
    return demo_switch_on() or is_open(mall, at)


def closed_message(mall: Mall, at: datetime) -> str:
    """'The mall is closed now. It opens again Senin, 7 Desember 2026 at 08.00 WIB.'"""
    nxt = next_opening(mall, at)
    if nxt is None:
        return _("The mall is closed now. Please check the opening hours on the website.")
    local = nxt.astimezone(_zone(mall))
    return _("The mall is closed now. It opens again on %(day)s at %(time)s.") % {
        "day": formats.date_format(local, "l, j F Y"),
        "time": f"{local:%H.%M} {local.tzname()}",
    }
