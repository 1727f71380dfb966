"""One canonical phone format (E.164 '+62…') for every app, and the migrations to it."""

import pytest
from django.utils import translation

from mpp.core.errors import DomainError
from mpp.core.phones import (
    mask_phone,
    normalise_phone,
    parse_phone,
    phone_digits,
    phone_key,
    phone_last4,
    phone_national,
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


@pytest.mark.parametrize(
    "raw", ["081234567890", "0812-3456-7890", "6281234567890", "+62 812 3456 7890"]
)
def test_phone_key_is_e164_however_the_number_is_written(raw):
    assert phone_key(raw) == "+6281234567890"


def test_phone_key_of_an_invalid_number_still_folds_the_leading_zero():
    # Counted, never refused: a typo still shares one key across the ways of writing it.
    assert phone_key("0812") == phone_key("62812") == phone_key("+62 812") == "+62812"
    assert phone_key("") == ""


def test_phone_national_is_the_gateway_form_of_e164():
    assert phone_national("+6281234567890") == "081234567890"
    assert phone_national("6281234567890") == "081234567890"


def test_fair_use_counts_one_contact_however_it_is_written():
    from django.core.cache import cache
    from django.test import RequestFactory
    from django.test.utils import override_settings

    from mpp.core import fairuse
    from mpp.core.errors import TooManyRequestsError
    from mpp.core.fairuse import normalise_contact

    cache.clear()
    limits = {"signup": {"client": (100, 3600), "contact": (2, 3600)}}
    factory = RequestFactory()
    with override_settings(MPP_FAIR_USE=limits):
        # Three different callers, one person written three ways: the contact budget (2) holds.
        fairuse.check(factory.post("/", REMOTE_ADDR="10.0.0.1"), "signup", contact="0812-3456-7890")
        fairuse.check(factory.post("/", REMOTE_ADDR="10.0.0.2"), "signup", contact="6281234567890")
        with pytest.raises(TooManyRequestsError):
            fairuse.check(
                factory.post("/", REMOTE_ADDR="10.0.0.3"), "signup", contact="+62 812 3456 7890"
            )
    cache.clear()
    keys = {
        normalise_contact(raw) for raw in ["0812-3456-7890", "+6281234567890", "62812 3456 7890"]
    }
    assert keys == {"+6281234567890"}
    assert normalise_contact(" Siti@Example.ID ") == "siti@example.id"
