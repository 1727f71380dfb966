"""The NIK (Nomor Induk Kependudukan): validation, birth date, masking.

Layout (docs/domain-facts.md §9.1): 16 digits `PP KK CC DD MM YY SSSS` — province, regency/city,
kecamatan of first registration, day of birth (+40 for women), month, two-digit year, serial.

What can be checked is checked; what cannot is not guessed:
- exactly 16 digits;
- province 11–99 and regency 01–99 as *formats* only: a NIK whose region prefix is missing
  from today's code list is never rejected (kecamatan are split and recoded, the NIK keeps
  its old code);
- the birth date (day − 40 for women) must exist in the calendar, for either century;
- the serial is not 0000.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_DIGITS = re.compile(r"^\d{16}$")
MASK_CHAR = "•"


@dataclass(frozen=True)
class NikParts:
    province: str
    regency: str
    kecamatan: str
    birth_day: int
    birth_month: int
    birth_year_2d: int
    is_female: bool
    serial: str

    @property
    def region_code(self) -> str:
        """'35.21.09' — the Kemendagri code of first registration."""
        return f"{self.province}.{self.regency}.{self.kecamatan}"


def normalise_nik(raw: str) -> str:
    """Drop the spaces, dots and dashes people type between the groups."""
    return re.sub(r"[\s.\-]", "", raw or "")


def _valid_date(day: int, month: int, year_2d: int) -> bool:
    for century in (1900, 2000):
        try:
            date(century + year_2d, month, day)
        except ValueError:
            continue
        return True
    return False


def parse_nik(raw: str) -> NikParts:
    """Validate and split a NIK. Raises ValidationError with a message saying what is wrong."""
    nik = normalise_nik(raw)
    if not _DIGITS.match(nik):
        raise ValidationError(
            _("A NIK has exactly 16 digits. Please copy it from your KTP-el or family card (KK)."),
            code="nik_format",
        )
    province, regency, kecamatan = nik[0:2], nik[2:4], nik[4:6]
    if int(province) < 11 or regency == "00" or kecamatan == "00":
        raise ValidationError(
            _("The first six digits of a NIK are a region code; these cannot be one."),
            code="nik_region",
        )
    day_field, month, year_2d = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    is_female = day_field > 40
    day = day_field - 40 if is_female else day_field
    if not (1 <= month <= 12 and 1 <= day <= 31 and _valid_date(day, month, year_2d)):
        raise ValidationError(
            _(
                "Digits 7–12 of a NIK are the birth date (day + 40 for women); "
                "these digits are not a real date. Please check the number."
            ),
            code="nik_birth_date",
        )
    if nik[12:16] == "0000":
        raise ValidationError(
            _("The last four digits of a NIK are a serial number starting at 0001."),
            code="nik_serial",
        )
    return NikParts(province, regency, kecamatan, day, month, year_2d, is_female, nik[12:16])


def validate_nik(raw: str) -> str:
    """The normalised NIK, or ValidationError."""
    parse_nik(raw)
    return normalise_nik(raw)


def mask_nik(nik: str) -> str:
    """'3521094508900001' -> '3521••••••••0001': region of registration and serial only."""
    nik = normalise_nik(nik)
    if len(nik) != 16:
        return MASK_CHAR * 16 if nik else ""
    return nik[:4] + MASK_CHAR * 8 + nik[12:]
