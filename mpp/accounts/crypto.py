"""Encryption of personal data at rest and keyed hashes for finding it.

- `encrypt` / `decrypt`: Fernet (AES-128-CBC with HMAC-SHA256, authenticated) from the
  `cryptography` package, through MultiFernet so keys can be rotated: the first key of
  `settings.FIELD_ENCRYPTION_KEY` encrypts, every listed key decrypts.
- `keyed_hash`: HMAC-SHA256 with `settings.NIK_HMAC_KEY`, a blind index for exact lookups. A
  plain or salted hash of a NIK is not enough: 16 digits with a public structure are
  brute-forced offline in minutes (docs/reliability.md §9).

Neither key lives in the database. Without configured keys both are derived from SECRET_KEY
(development only; `manage.py check --deploy` warns, see mpp/accounts/checks.py).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class DecryptionError(Exception):
    """The ciphertext was not made with any configured key, or was changed."""


def _derived(label: str) -> bytes:
    return hashlib.sha256(f"mpp:{label}:{settings.SECRET_KEY}".encode()).digest()


def uses_derived_keys() -> bool:
    return not settings.FIELD_ENCRYPTION_KEY or not settings.NIK_HMAC_KEY


@lru_cache(maxsize=4)
def _fernet(keys: str, secret_key: str) -> MultiFernet:
    if keys:
        fernets = [Fernet(k.strip().encode()) for k in keys.split(",") if k.strip()]
    else:
        fernets = [Fernet(base64.urlsafe_b64encode(_derived("field-encryption")))]
    return MultiFernet(fernets)


def fernet() -> MultiFernet:
    return _fernet(settings.FIELD_ENCRYPTION_KEY, settings.SECRET_KEY)


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return fernet().decrypt(token)
    except InvalidToken as exc:
        raise DecryptionError("ciphertext does not match any configured key") from exc


def encrypt(text: str) -> str:
    """Encrypt a short text (a NIK); '' stays ''."""
    if not text:
        return ""
    return encrypt_bytes(text.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    return decrypt_bytes(token.encode()).decode()


def rotate(token: str) -> str:
    """Re-encrypt with the current first key (for key rotation)."""
    if not token:
        return ""
    return fernet().rotate(token.encode()).decode()


def keyed_hash(value: str, *, purpose: str = "nik") -> str:
    """HMAC-SHA256 hex digest of `value` for exact-match lookups; '' for ''."""
    if not value:
        return ""
    key = settings.NIK_HMAC_KEY.encode() if settings.NIK_HMAC_KEY else _derived("nik-hmac")
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


#: What the other apps keep encrypted with these keys, re-encrypted by
#: `manage.py reencrypt_personal_data`: (what, function returning how many it rewrote), in
#: registration order. An app adds its own in `AppConfig.ready()` (accounts imports no app).
ROTATIONS: list[tuple[str, Callable[[], int]]] = []


def register_rotation(what: str, rotate_all: Callable[[], int]) -> None:
    """`what` names the count in the command's output, e.g. "application(s)"."""
    if all(label != what for label, _ in ROTATIONS):
        ROTATIONS.append((what, rotate_all))
