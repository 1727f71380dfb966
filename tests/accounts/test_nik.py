"""NIK validation, masking, encryption and the keyed hash."""

from __future__ import annotations

import contextlib

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from mpp.accounts import crypto
from mpp.accounts.nik import mask_nik, parse_nik, validate_nik


def test_parse_a_womans_nik():
    parts = parse_nik("3521094508900001")
    assert (parts.region_code, parts.birth_day, parts.birth_month, parts.is_female) == (
        "35.21.09",
        5,
        8,
        True,
    )


def test_the_facts_examples_are_valid():
    assert parse_nik("3515140508680001").is_female is False
    assert parse_nik("3515144508680002").is_female is True


def test_spaces_and_dots_are_allowed():
    assert validate_nik("3521 0945 0890 0001") == "3521094508900001"
    assert validate_nik("35.21.09.450890.0001") == "3521094508900001"


def test_unknown_region_prefix_is_not_rejected():
    # 35.99.99 is not a regency or kecamatan today; a NIK keeps its old code after moves.
    assert validate_nik("3599990101000001") == "3599990101000001"


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("352109450890000", "nik_format"),  # 15 digits
        ("35210945089000012", "nik_format"),  # 17 digits
        ("35210945089O0001", "nik_format"),  # letter O
        ("0521094508900001", "nik_region"),
        ("3500094508900001", "nik_region"),
        ("3521093208900001", "nik_birth_date"),  # day 32
        ("3521097208900001", "nik_birth_date"),  # woman, day 32
        ("3521093002900001", "nik_birth_date"),  # 30 February
        ("3521092902010001", "nik_birth_date"),  # 29 Feb 1901/2001: no leap year
        ("3521094513900001", "nik_birth_date"),  # month 13
        ("3521094508900000", "nik_serial"),
    ],
)
def test_invalid_niks_say_what_is_wrong(nik, code):
    with pytest.raises(ValidationError) as caught:
        parse_nik(nik)
    assert caught.value.code == code


def test_leap_day_in_a_leap_year_is_valid():
    assert parse_nik("3521096902000001").birth_day == 29  # woman, 29 Feb 2000


def test_mask():
    assert mask_nik("3521094508900001") == "3521••••••••0001"


@given(st.text(max_size=40))
def test_parse_never_fails_unexpectedly(text):
    with contextlib.suppress(ValidationError):
        parse_nik(text)


def test_encryption_round_trip_and_randomness():
    first, second = crypto.encrypt("3521094508900001"), crypto.encrypt("3521094508900001")
    assert first != second  # random IV
    assert "3521094508900001" not in first
    assert crypto.decrypt(first) == "3521094508900001"


def test_keyed_hash_is_stable_and_keyed(settings):
    digest = crypto.keyed_hash("3521094508900001")
    assert digest == crypto.keyed_hash("3521094508900001")
    settings.NIK_HMAC_KEY = "another key"
    assert crypto.keyed_hash("3521094508900001") != digest


def test_key_rotation(settings):
    from cryptography.fernet import Fernet

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = old
    token = crypto.encrypt("3521094508900001")
    settings.FIELD_ENCRYPTION_KEY = f"{new},{old}"
    assert crypto.decrypt(token) == "3521094508900001"
    rotated = crypto.rotate(token)
    settings.FIELD_ENCRYPTION_KEY = new
    assert crypto.decrypt(rotated) == "3521094508900001"
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token)
