"""When a message may go out: quiet hours, daily caps, consent and the WhatsApp window.

Reads only; the counters are taken by `take_caps` inside the delivery's claim transaction.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F

from mpp.notifications.enums import PAID_CHANNELS, SuppressReason
from mpp.notifications.models import DeliveryCounter

#: WhatsApp allows free text for 24 hours after the citizen's last message.
WHATSAPP_WINDOW = timedelta(hours=24)
_HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")


@lru_cache(maxsize=16)
def _quiet_hours(raw: str) -> tuple[time, time] | None:
    text = raw.replace(" ", "").replace(".", ":")
    if not text:
        return None
    match = _HOURS.match(text)
    if not match:
        raise ImproperlyConfigured(
            f"MPP_NOTIFY_QUIET_HOURS must look like 21:00-07:00 (or be empty), got {raw!r}"
        )
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    start, end = time(h1, m1), time(h2, m2)
    return None if start == end else (start, end)


def quiet_until(now: datetime, zone: ZoneInfo) -> datetime | None:
    """The end of the quiet period `now` falls in (an aware datetime), or None outside it."""
    hours = _quiet_hours(settings.MPP_NOTIFY_QUIET_HOURS)
    if hours is None:
        return None
    start, end = hours
    local = now.astimezone(zone)
    moment = local.time()
    if start < end:  # e.g. 12:00-13:00 within one day
        inside = start <= moment < end
        end_day = local.date()
    else:  # across midnight, e.g. 21:00-07:00
        inside = moment >= start or moment < end
        end_day = local.date() + timedelta(days=1) if moment >= start else local.date()
    if not inside:
        return None
    return datetime.combine(end_day, end, tzinfo=zone)


def zone_of(mall_timezone: str | None) -> ZoneInfo:
    return ZoneInfo(mall_timezone or settings.TIME_ZONE)


def counter_day(now: datetime) -> date:
    """Caps count per local day of the installation."""
    return now.astimezone(ZoneInfo(settings.TIME_ZONE)).date()


def _take(scope: str, day: date, limit: int) -> bool:
    DeliveryCounter.objects.bulk_create(
        [DeliveryCounter(scope=scope, day=day, count=0)], ignore_conflicts=True
    )
    return bool(
        DeliveryCounter.objects.filter(scope=scope, day=day, count__lt=limit).update(
            count=F("count") + 1
        )
    )


def _give_back(scope: str, day: date) -> None:
    DeliveryCounter.objects.filter(scope=scope, day=day, count__gt=0).update(count=F("count") - 1)


def take_caps(*, channel: str, to: str, now: datetime) -> str:
    """Count one message against the caps; the reason it may not go out ('' when it may).
    Must run inside the claim transaction (conditional updates on the counter rows)."""
    day = counter_day(now)
    paid = channel in PAID_CHANNELS
    if paid and not _take("all", day, settings.MPP_NOTIFY_MAX_PER_DAY):
        return SuppressReason.DAILY_CAP
    if not _take(f"to:{to}", day, settings.MPP_NOTIFY_MAX_PER_RECIPIENT_PER_DAY):
        if paid:
            _give_back("all", day)
        return SuppressReason.RECIPIENT_CAP
    return ""
