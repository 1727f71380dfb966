"""No writes on GET, no 500 on any date (issue 10.5), through the real API and pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from mpp.core.dates import parse_date
from mpp.queueing.models import Booking, Slot
from mpp.queueing.queries import clear_caches
from tests.queueing.conftest import build_hall


@pytest.fixture
def bookable(db):
    clear_caches()
    yield build_hall(counters=2, slot_capacity=2, booking=True)
    clear_caches()


@pytest.mark.parametrize("day", ["3000-01-01", "2099-12-31", "2030-06-01", "2026-01-05"])
def test_anonymous_slot_reads_never_create_rows(bookable, day):
    client = Client()
    for _ in range(50):
        response = client.get(f"/api/v1/queue/slots?service=ktp-el&date={day}")
        assert response.status_code in {200, 422}

    assert Slot.objects.count() == 0


def test_slot_read_inside_the_horizon_shows_seats_without_storing_them(bookable):
    from django.utils import timezone

    from mpp.queueing.domain.common import local_day

    today = local_day(bookable.mall, timezone.now())
    answers = [Client().get(f"/api/v1/queue/slots?service=ktp-el&date={today}") for _ in range(3)]

    assert {a.status_code for a in answers} == {200}
    assert Slot.objects.count() == 0


@pytest.mark.parametrize("raw", ["0001-01-01", "9999-12-31", "0", "1970-01-01", "1999-12-31"])
def test_absurd_dates_get_422_with_a_clear_message(bookable, raw):
    response = Client().get(f"/api/v1/queue/slots?service=ktp-el&date={raw}")

    assert response.status_code == 422
    assert "2000-01-01" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "starts_at", ["9999-12-31T23:59:59+07:00", "0001-01-01T00:00:00Z", "1969-12-31T00:00:00Z"]
)
def test_absurd_booking_times_get_422_not_500(bookable, starts_at):
    response = Client().post(
        "/api/v1/queue/bookings",
        {"service": "ktp-el", "starts_at": starts_at, "phone": "081234567890"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert Booking.objects.count() == 0


@pytest.mark.parametrize("raw", ["0001-01-01", "9999-12-31", "3000-01-01", "0", "x"])
def test_booking_page_with_absurd_dates_is_not_an_error(bookable, raw):
    page = Client().get(f"/antrian/pesan/layanan/ktp-el/?tanggal={raw}")
    posted = Client().post(
        "/antrian/pesan/layanan/ktp-el/", {"starts_at": f"{raw}T10:00", "phone": "081234567890"}
    )

    assert page.status_code == 200
    assert posted.status_code == 400
    assert Slot.objects.count() == 0


def test_parse_date_range():
    assert parse_date("2026-05-01") == date(2026, 5, 1)
    assert parse_date("1999-12-31") is None
    assert parse_date("2100-01-01") is None
    assert parse_date("garbage") is None
