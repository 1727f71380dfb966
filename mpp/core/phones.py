"""Indonesian phone numbers in one canonical form everywhere: E.164, ``+6281234567890``.

People write ``0812-3456-7890``, ``62 812 3456 7890`` or ``+62 812…``; every app stores and
compares the E.164 form returned here (accounts, notifications, queue contacts and bookings,
complaint reporters). `normalise_phone` accepts mobile numbers only (what WhatsApp and SMS
reach) and refuses anything else with an Indonesian-first message; `parse_phone` accepts
any valid Indonesian number (sign-in names, notification addresses) and answers None.
"""

from __future__ import annotations

import re
from typing import Any

import phonenumbers
from django.utils.translation import gettext as _

from mpp.core.errors import DomainError

#: +62 8xx…: Indonesian mobile numbers are 10 to 13 digits after the leading 0.
_MOBILE = re.compile(r"^\+628\d{7,12}$")
_SEPARATORS = re.compile(r"[\s\-().]")


def _digits(raw: str) -> str:
    """'0812-3456 7890' / '+62 812…' -> '62812…' (not yet checked)."""
    digits = _SEPARATORS.sub("", raw or "").removeprefix("+")
    return "62" + digits[1:] if digits.startswith("0") else digits


def normalise_phone(
    raw: str, *, field: str = "phone", error: type[DomainError] = DomainError
) -> str:
    """08123… / +62 812-3… / 62812… → '+62812…'; raises `error` (an app's own DomainError
    subclass, so its pages keep catching it) when it is not an Indonesian mobile number."""
    number = "+" + _digits(raw)
    if not _MOBILE.match(number):
        raise error(_("Enter a mobile number such as 0812 3456 7890."), field=field)
    return number


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


def phone_digits(phone: object) -> str:
    """Only the digits: '+6281234567890' -> '6281234567890' (wa.me links, SMS gateways)."""
    return "".join(ch for ch in str(phone or "") if ch.isdigit())


def phone_key(raw: str) -> str:
    """The E.164 form of whatever a person typed, for counting and comparing (never refuses):
    `parse_phone`'s answer, else '+' and the digits with a leading 0 read as 62, so
    '0812-…', '62812…' and '+62 812…' are one key even when the number is not valid."""
    parsed = parse_phone(raw)
    if parsed:
        return parsed
    digits = _digits("".join(ch for ch in raw or "" if ch.isdigit() or ch == "+"))
    return "+" + digits if digits else ""


def phone_national(phone: object) -> str:
    """'+6281234567890' -> '081234567890': the national form some SMS gateways want (never
    stored; E.164 is the one stored form)."""
    digits = phone_digits(phone)
    return "0" + digits[2:] if digits.startswith("62") else digits


def phone_last4(phone: object) -> str:
    digits = phone_digits(phone)
    return digits[-4:] if len(digits) >= 4 else ""


def mask_phone(phone: object) -> str:
    """'+6281234567890' -> '+62 •••• •••• 7890'."""
    last4 = phone_last4(phone)
    return f"+62 •••• •••• {last4}" if last4 else ""


def stored_to_e164(value: str) -> str:
    """A stored '62…' / '08…' number in E.164; anything else unchanged (data migrations)."""
    digits = _digits(value)
    return "+" + digits if re.fullmatch(r"62\d{8,13}", digits) else value


def migrate_phones_to_e164(apps: Any, fields: list[tuple[str, str, str]]) -> None:
    """The data migration of each app owning a phone field: rewrite its '62…'/'08…' values
    as '+62…'. `fields` lists (app label, model name, field name)."""
    for app_label, model_name, field in fields:
        model = apps.get_model(app_label, model_name)
        rows = model.objects.exclude(**{field: ""}).exclude(**{f"{field}__startswith": "+"})
        for pk, value in rows.values_list("pk", field).iterator():
            new = stored_to_e164(value)
            if new != value:
                model.objects.filter(pk=pk).update(**{field: new})
