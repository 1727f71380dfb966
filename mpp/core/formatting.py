"""Indonesian formatting of money, durations and times."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _


def group_thousands(amount: int) -> str:
    """1234567 -> '1.234.567' (Indonesian uses the dot as the thousands separator)."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(int(amount)):,}".replace(",", ".")


def rupiah(amount: int | None, *, free_label: bool = True) -> str:
    """Format integer Rupiah the Indonesian way: Rp30.000; zero is 'Gratis' (free)."""
    if amount is None:
        return ""
    if amount == 0 and free_label:
        return _("Free")
    return f"Rp{group_thousands(amount)}"


def local_time(value: datetime, tz_name: str = "Asia/Jakarta") -> datetime:
    return timezone.localtime(value, ZoneInfo(tz_name))


_ZONE_ABBREVIATIONS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def zone_abbreviation(tz_name: str) -> str:
    return _ZONE_ABBREVIATIONS.get(tz_name, tz_name)
