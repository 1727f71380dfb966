"""Online booking limits (issue 10.1): a share of the day stays for walk-ins, and one person
holds at most N active bookings. Fixed instants; no wall clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mpp.queueing import domain
from mpp.queueing.models import Booking, Slot
from tests.queueing.conftest import build_hall

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # Monday 08:00 WIB


@pytest.fixture
def bookable(db):
    return build_hall(counters=1, slot_capacity=1, booking=True)


def _slot_times(service, day):
    domain.book_visit(
        service=service, starts_at=_first(service, day), phone="081200000000", now=NOW
    )
    return list(Slot.objects.filter(service=service, day=day).order_by("starts_at"))


def _first(service, day):
    from mpp.queueing.queries import available_slots

    return available_slots(service, day, now=NOW)[0].starts_at


def test_online_bookings_never_take_more_than_the_share_of_a_day(bookable, settings):
    settings.MPP_QUEUE_BOOKING_DAY_SHARE = 50
    settings.MPP_QUEUE_BOOKINGS_PER_PERSON_PER_DAY = 1
    service = bookable.ktp
    slots = _slot_times(service, NOW.date())
    seats = sum(s.capacity for s in slots)
    results = []
    future = [s for s in slots if s.starts_at > NOW and s.booked_count == 0]
    for n, slot in enumerate(future, start=1):
        try:
            domain.book_visit(
                service=service, starts_at=slot.starts_at, phone=f"0812{n:08d}", now=NOW
            )
            results.append("ok")
        except domain.FullError:
            results.append("full")

    booked = Booking.objects.filter(service=service, day=NOW.date()).count()
    assert booked * 100 <= 50 * seats
    assert booked == seats // 2
    assert "full" in results


def test_one_person_holds_at_most_n_active_bookings(bookable, settings):
    settings.MPP_QUEUE_ACTIVE_BOOKINGS_PER_PERSON = 2
    settings.MPP_QUEUE_BOOKING_DAY_SHARE = 100
    service = bookable.ktp
    days = [NOW.date() + timedelta(days=d) for d in range(3)]
    for day in days[:2]:
        domain.book_visit(
            service=service, starts_at=_first(service, day), phone="081234567890", now=NOW
        )

    with pytest.raises(domain.ConflictError) as refused:
        domain.book_visit(
            service=service, starts_at=_first(service, days[2]), phone="081234567890", now=NOW
        )
    assert "2" in refused.value.message
    assert Booking.objects.count() == 2
