"""A booking needs a verified phone (issue 10.1): the code goes through the notification
sender (the outbox here) and book_visit refuses without it, with a wrong one, or reused."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from mpp.notifications.models import Notification
from mpp.queueing.domain.common import local_day
from mpp.queueing.models import Booking
from mpp.queueing.queries import available_slots, clear_caches
from tests.queueing.conftest import build_hall

PHONE = "081234567890"


@pytest.fixture
def bookable(db):
    clear_caches()
    hall = build_hall(counters=2, slot_capacity=2, booking=True)
    with override_settings(MPP_QUEUE_BOOKING_REQUIRE_CODE=True):
        yield hall
    clear_caches()


def _a_slot(hall):
    today = local_day(hall.mall, timezone.now())
    for offset in range(1, 8):
        slots = available_slots(hall.ktp, today + timedelta(days=offset))
        if slots:
            return slots[len(slots) // 2].starts_at.isoformat()
    raise AssertionError("no slot in the next week")


def _book(client, starts_at, code=""):
    return client.post(
        "/api/v1/queue/bookings",
        {"service": "ktp-el", "starts_at": starts_at, "phone": PHONE, "code": code},
        content_type="application/json",
    )


def _sent_code() -> str:
    message = Notification.objects.filter(kind="otp").latest("pk")
    assert message.to == "+6281234567890"
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def test_booking_needs_the_code_sent_to_the_phone(bookable):
    client = Client()
    starts_at = _a_slot(bookable)

    without = _book(client, starts_at)
    sent = client.post(
        "/api/v1/queue/bookings/code", {"phone": PHONE}, content_type="application/json"
    )
    wrong = _book(client, starts_at, "000000" if _sent_code() != "000000" else "111111")
    right = _book(client, starts_at, _sent_code())
    reused = _book(client, starts_at, _sent_code())

    assert (without.status_code, without.json()["errors"][0]["field"]) == (400, "code")
    assert sent.status_code == 202
    assert wrong.status_code == 400
    assert right.status_code == 201
    assert reused.status_code == 400
    assert Booking.objects.count() == 1


def test_booking_page_sends_the_code_and_books_with_it(bookable):
    client = Client()
    starts_at = _a_slot(bookable)
    url = "/antrian/pesan/layanan/ktp-el/"
    sent = client.post(url, {"send_code": "1", "phone": PHONE, "starts_at": starts_at})
    booked = client.post(url, {"phone": PHONE, "starts_at": starts_at, "code": _sent_code()})

    assert sent.status_code == 200
    assert booked.status_code == 302
    assert Booking.objects.count() == 1
