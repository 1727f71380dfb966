"""The clock and the mall's local day: the one place that works out a mall's time zone.

A mall keeps its own zone (`Mall.timezone`, e.g. Asia/Jakarta = WIB; the project's
`TIME_ZONE` when blank). The service day is the date in that zone: a UTC date flips at 07:00
WIB (docs/peers.md §7), so "today" is never `date.today()` or a UTC date.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def now_or(now: datetime | None) -> datetime:
    """`now` if the caller fixed it (tests, replays), else the current moment."""
    return now if now is not None else timezone.now()


def mall_zone(mall: Any) -> ZoneInfo:
    """The mall's time zone (the project's TIME_ZONE for a mall without one, or no mall)."""
    return ZoneInfo(getattr(mall, "timezone", "") or settings.TIME_ZONE)


def local_day(mall: Any, now: datetime | None = None) -> date:
    """The service day in the mall's own zone at `now` (default: the current moment)."""
    return now_or(now).astimezone(mall_zone(mall)).date()


def local_datetime(mall: Any, day: date, at: time) -> datetime:
    """`day` at wall-clock `at` in the mall's zone, as an aware datetime."""
    return datetime.combine(day, at, tzinfo=mall_zone(mall))
