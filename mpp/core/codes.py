"""Public codes: short, random, unambiguous, read aloud and typed from paper.

No 0/O, 1/I/L: 31 symbols. A ticket or booking code has 8 (about 8.5e11 codes, so guessing a
live one is hopeless; ASVS 2.4.1), a complaint code 10. Every app makes and reads its codes
here (`queueing`, `facilities`, `feedback`).
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#: Ticket, booking and room-booking codes.
CODE_LENGTH = 8


def random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_code() -> str:
    """A ticket, booking or room-booking code (`CODE_LENGTH` symbols)."""
    return random_code(CODE_LENGTH)


def normalise_code(raw: object, *, limit: int = 32) -> str:
    """Accept what people type: lower case, spaces, dashes, dots and underscores."""
    return re.sub(r"[\s\-_.]", "", str(raw or "")).upper()[:limit]
