"""Anonymous tracking: a complaint is reached by its code **and** a second factor — the PIN
shown once when it was filed, or the phone number or e-mail address the reporter gave.

Wrong answers are counted per client address, on this code and overall (cache, one hour); past
`FEEDBACK_TRACK_ATTEMPTS_PER_HOUR` the lookup is refused even with the right answer, so the
6-character PIN cannot be guessed online. A wrong code and a wrong second factor get the same
answer, so codes cannot be probed either.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from mpp.core.errors import DomainError, TooManyRequestsError
from mpp.core.models import Mall
from mpp.core.phones import normalise_phone
from mpp.feedback import conf
from mpp.feedback.codes import normalise_code, same_secret
from mpp.feedback.models import Complaint
from mpp.feedback.queries import complaint_by_code

_WINDOW = 3600


class TooManyAttemptsError(TooManyRequestsError):
    """Too many wrong tries for this code or from this address (429, Retry-After)."""

    def __init__(self) -> None:
        super().__init__(
            _("Too many wrong attempts. Wait an hour and try again."), retry_after=_WINDOW
        )


def client_address(request: HttpRequest) -> str:
    from mpp.core.fairuse import client_ip

    return client_ip(request)[:64]


def _keys(code: str, address: str) -> list[str]:
    # Hashed: whatever was typed becomes a short, safe cache key (memcached, Redis).
    def digest(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]

    # Counted per guesser: this address on this code, and this address overall. A stranger's
    # wrong tries never lock the owner (who tracks from another address) out of their own
    # complaint; the PIN is too long to guess spread over many addresses (docs/security.md).
    return [
        f"feedback:track:code:{digest(address + chr(31) + code)}",
        f"feedback:track:ip:{digest(address)}",
    ]


def _blocked(keys: list[str]) -> bool:
    limit = conf.track_attempts_per_hour()
    return any((cache.get(key) or 0) >= limit for key in keys)


def _fail(keys: list[str]) -> None:
    for key in keys:
        if cache.add(key, 1, _WINDOW):
            continue
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, _WINDOW)


def second_factor_matches(complaint: Complaint, secret: str) -> bool:
    secret = (secret or "").strip()
    if not secret or len(secret) > 254:
        return False
    if same_secret(complaint.code, secret, complaint.secret_digest):
        return True
    if complaint.reporter_email and secret.casefold() == complaint.reporter_email.casefold():
        return True
    if complaint.reporter_phone:
        try:
            return normalise_phone(secret) == complaint.reporter_phone  # both '+62…'
        except DomainError:
            return False
    return False


def find_for_reporter(mall: Mall, code: str, secret: str, address: str) -> Complaint | None:
    """The complaint when code and second factor match; None otherwise (counted as a failed
    attempt). Raises TooManyAttemptsError when this code or this address tried too often."""
    code = normalise_code(code, limit=16)
    keys = _keys(code, address)
    if _blocked(keys):
        raise TooManyAttemptsError
    complaint = complaint_by_code(mall, code) if code else None
    if complaint is None or not second_factor_matches(complaint, secret):
        _fail(keys)
        return None
    return complaint
