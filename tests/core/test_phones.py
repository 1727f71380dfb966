"""One canonical phone format (E.164 '+62…') for every app, and the migrations to it."""

import pytest
from django.utils import translation

from mpp.core.errors import DomainError
from mpp.core.phones import (
    mask_phone,
    normalise_phone,
    parse_phone,
    phone_digits,
    phone_last4,
    stored_to_e164,
)
from mpp.feedback.errors import FeedbackError


@pytest.mark.parametrize(
    "raw",
    ["081234567890", "0812-3456-7890", "6281234567890", "+62 812 3456 7890", "(0812) 3456.7890"],
)
def test_every_way_of_writing_a_mobile_number_gives_e164(raw):
    assert normalise_phone(raw) == "+6281234567890"


@pytest.mark.parametrize("raw", ["", "12345", "0212345678", "+1 415 555 0100", "08abc"])
def test_a_number_that_is_not_a_mobile_is_refused_in_indonesian(raw):
    with translation.override("id"), pytest.raises(DomainError) as caught:
        normalise_phone(raw)
    assert caught.value.field == "phone"
    assert "nomor" in caught.value.message.lower()


def test_the_app_error_class_and_field_are_kept():
    with pytest.raises(FeedbackError) as caught:
        normalise_phone("123", error=FeedbackError, field="contact")
    assert caught.value.field == "contact"


def test_parse_masks_and_digits_agree_with_the_canonical_form():
    assert parse_phone("0812 3456 7890") == "+6281234567890"
    assert parse_phone("siti@contoh.id") is None
    assert phone_digits("+6281234567890") == "6281234567890"
    assert phone_last4("+6281234567890") == "7890"
    assert mask_phone("+6281234567890") == "+62 •••• •••• 7890"
    assert mask_phone("") == ""


def test_the_migrations_turn_stored_numbers_into_e164():
    assert stored_to_e164("6281234567890") == "+6281234567890"
    assert stored_to_e164("0812-3456-7890") == "+6281234567890"
    assert stored_to_e164("not a number") == "not a number"
