"""Parsing what people type as a sign-in name: an e-mail address or an Indonesian phone
number (08…, +62…, 62…)."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email


def parse_phone(raw: str) -> str | None:
    """E.164 ('+6281234567890') for a valid mobile or fixed number, None otherwise."""
    text = (raw or "").strip()
    if not text or "@" in text or len(text) > 30:
        return None
    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


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


def phone_last4(phone: object) -> str:
    digits = "".join(ch for ch in str(phone or "") if ch.isdigit())
    return digits[-4:] if len(digits) >= 4 else ""


def mask_phone(phone: object) -> str:
    """'+6281234567890' -> '+62 •••• •••• 7890'."""
    last4 = phone_last4(phone)
    return f"+62 •••• •••• {last4}" if last4 else ""


def mask_email(email: str) -> str:
    """'siti.aminah@example.id' -> 's••••••••••@example.id'."""
    local, _, domain = (email or "").rpartition("@")
    if not local:
        return ""
    return local[0] + "•" * max(len(local) - 1, 2) + "@" + domain
