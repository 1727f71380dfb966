"""The complaint's codes and secrets (the alphabet and normalisation: mpp.core.codes)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

from mpp.core.codes import (  # noqa: F401 - public codes, kept importable from here
    ALPHABET,
    normalise_code,
    random_code,
)

#: Complaint tracking code: 31^10 ≈ 8e14 codes.
COMPLAINT_CODE_LENGTH = 10
#: The reporter's secret PIN (the second factor of anonymous tracking): 31^6 ≈ 8.9e8.
PIN_LENGTH = 6


def survey_token() -> str:
    """The one-time survey link's token: 128 bits from the CSPRNG (ASVS 11.5.1)."""
    return secrets.token_urlsafe(16)


def digest_secret(code: str, secret: str) -> str:
    """Keyed digest of a reporter's PIN (never stored in clear)."""
    key = settings.SECRET_KEY.encode()
    message = f"{code}:{normalise_code(secret)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def same_secret(code: str, secret: str, digest: str) -> bool:
    return bool(digest) and hmac.compare_digest(digest_secret(code, secret), digest)
