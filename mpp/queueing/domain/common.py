"""Small helpers shared by the domain modules: clock, local day, public codes, person keys,
live-event nudges."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.core.events import publish_on_commit
from mpp.core.models import Mall
from mpp.queueing.domain.errors import QueueError

# No 0/O, 1/I/L: codes are read aloud and typed from paper. 31 symbols, 8 characters:
# about 8.5e11 codes, so guessing a live one is hopeless (ASVS 2.4.1 / 1.3 here).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


def now_or(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


def mall_zone(mall: Mall) -> ZoneInfo:
    return ZoneInfo(mall.timezone or settings.TIME_ZONE)


def local_day(mall: Mall, now: datetime) -> date:
    """The service day in the mall's own zone (a UTC date flips at 07:00 WIB: docs/peers.md
    §7)."""
    return now.astimezone(mall_zone(mall)).date()


def local_datetime(mall: Mall, day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=mall_zone(mall))


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """Accept what people type: lower case, spaces and dashes."""
    return re.sub(r"[\s\-]", "", raw or "").upper()[:20]


_PHONE = re.compile(r"^628\d{7,12}$")
_NIK = re.compile(r"^\d{16}$")


def normalise_phone(raw: str) -> str:
    """08123… / +62 812-3… / 62812… -> 62812…; raises QueueError when it is not a mobile number."""
    digits = re.sub(r"[\s\-().]", "", raw or "")
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    if not _PHONE.match(digits):
        raise QueueError(_("Enter a mobile number such as 0812 3456 7890."), field="phone")
    return digits


def validate_nik(raw: str) -> str:
    nik = re.sub(r"\s", "", raw or "")
    if not _NIK.match(nik):
        raise QueueError(_("A NIK has exactly 16 digits."), field="nik")
    return nik


def person_key(*, phone: str = "", nik: str = "") -> str:
    """A keyed hash identifying one person for booking limits; the NIK itself is never stored.
    The NIK wins when both are given (a family may share one phone)."""
    if nik:
        material = "nik:" + validate_nik(nik)
    elif phone:
        material = "phone:" + normalise_phone(phone)
    else:
        raise QueueError(_("Enter your mobile number or your NIK."), field="phone")
    key = hashlib.sha256(("mpp-person:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, material.encode(), hashlib.sha256).hexdigest()


def nudge_board(mall_id: int, version: int, kind: str) -> None:
    publish_on_commit(f"board:{mall_id}", {"v": version, "kind": kind})


def nudge_ticket(code: str, version: int, kind: str) -> None:
    publish_on_commit(f"ticket:{code}", {"v": version, "kind": kind})


def setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))
