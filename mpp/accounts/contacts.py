"""Parsing what people type as a sign-in name: an e-mail address or an Indonesian phone
number (08…, +62…, 62…; phones are parsed by `mpp.core.phones`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from mpp.core.phones import parse_phone


def parse_email(raw: str) -> str | None:
    text = (raw or "").strip()
    if "@" not in text or len(text) > 254:
        return None
    try:
        validate_email(text)
    except ValidationError:
        return None
    local, _, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


def normalise_login(raw: str) -> str:
    """The canonical form of a sign-in name, used to find the account and to count failed
    attempts: e-mail lower-cased, phone numbers in E.164, anything else stripped."""
    email = parse_email(raw)
    if email:
        return email.lower()
    phone = parse_phone(raw)
    if phone:
        return phone
    return (raw or "").strip()[:150]


def mask_email(email: str) -> str:
    """'siti.aminah@example.id' -> 's••••••••••@example.id'."""
    local, _, domain = (email or "").rpartition("@")
    if not local:
        return ""
    return local[0] + "•" * max(len(local) - 1, 2) + "@" + domain
