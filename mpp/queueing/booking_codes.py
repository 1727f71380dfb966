"""A booking needs a verified phone (issue 10.1): the citizen asks for a one-time code
(`send_booking_code`), it goes out through the notification sender (SMS; the outbox in tests),
and `book_visit` (API and page) takes it with the phone. Codes live in the shared cache as a
keyed digest for `LIFETIME` seconds, allow `MAX_TRIES` wrong tries, and are used once.
Off with `MPP_QUEUE_BOOKING_REQUIRE_CODE = False` (the test suite does that for other tests).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import override

from mpp.core.phones import normalise_phone
from mpp.queueing.domain.errors import QueueError

LIFETIME = 600
MAX_TRIES = 5


def required() -> bool:
    return bool(getattr(settings, "MPP_QUEUE_BOOKING_REQUIRE_CODE", True))


def _key(phone: str) -> str:
    return "booking-code:" + hashlib.sha256(phone.encode()).hexdigest()[:32]


def _digest(phone: str, code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{phone}:{code}".encode(), "sha256").hexdigest()


def send_code(phone: str) -> None:
    """Send a fresh code to the mobile number (earlier codes stop working)."""
    from mpp.notifications.domain import queue_notification

    number = normalise_phone(phone, error=QueueError).lstrip("+")  # keys as before
    code = f"{secrets.randbelow(10**6):06d}"
    cache.set(_key(number), {"digest": _digest(number, code), "tries": 0}, LIFETIME)
    with override("id"):
        body = _(
            "Your MPP booking code is %(code)s. It is valid for %(minutes)d minutes. "
            "Never give this code to anyone."
        ) % {"code": code, "minutes": LIFETIME // 60}
    queue_notification(
        channel="sms", to="+" + number, body=body, kind="otp", sensitive=True, language="id"
    )


def check_code(phone: str, code: str) -> None:
    """Use up the code for this phone; QueueError (field `code`) when wrong or missing."""
    if not required():
        return
    if not phone:
        raise QueueError(
            _("Enter your mobile number: we send a code to confirm it."), field="phone"
        )
    number = normalise_phone(phone, error=QueueError).lstrip("+")  # keys as before
    stored = cache.get(_key(number))
    wrong = QueueError(_("The code is not right or has expired. Ask for a new code."), field="code")
    if not stored or not code:
        raise wrong
    if not hmac.compare_digest(stored["digest"], _digest(number, code.strip())):
        stored["tries"] += 1
        if stored["tries"] >= MAX_TRIES:
            cache.delete(_key(number))
        else:
            cache.set(_key(number), stored, LIFETIME)
        raise wrong
    cache.delete(_key(number))
