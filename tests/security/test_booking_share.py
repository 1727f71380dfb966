"""The online share of a day holds under concurrent load (issue 10.1): many threads hammer the
real booking and reschedule endpoints, each with its own database connection, then the rows
are counted. Runs on whichever database the suite runs on (SQLite or PostgreSQL).

The mall is open all day every day (build_hall), so "tomorrow" is bookable at any hour."""

from __future__ import annotations

from collections import Counter as Tally
from datetime import timedelta

import pytest
from django.db.models import Sum
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from mpp.queueing import domain
from mpp.queueing.enums import BookingStatus
from mpp.queueing.models import Booking, Slot
from mpp.queueing.queries import available_slots, clear_caches
from tests.queueing.conftest import build_hall
from tests.queueing.hammer import hammer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

SHARE = 50
THREADS = 8


@pytest.fixture
def hall():
    clear_caches()
    with override_settings(
        MPP_QUEUE_BOOKING_DAY_SHARE=SHARE, MPP_QUEUE_ACTIVE_BOOKINGS_PER_PERSON=10
    ):
        yield build_hall(counters=1, slot_capacity=1, booking=True)
    clear_caches()


def _day(offset: int):
    return timezone.localdate() + timedelta(days=offset)


def _slot_times(service, day) -> list[str]:
    return [s.starts_at.isoformat() for s in available_slots(service, day)]


def _cap(service, day) -> tuple[int, int]:
    """(seats of the day, most online bookings the share allows). Needs the day's rows."""
    seats = Slot.objects.filter(service=service, day=day).aggregate(n=Sum("capacity"))["n"]
    return seats, seats * SHARE // 100


def _booked(service, day) -> int:
    return Booking.objects.filter(service=service, day=day, status=BookingStatus.BOOKED).count()


def test_concurrent_bookings_never_exceed_the_days_share(hall):
    day = _day(1)
    times = _slot_times(hall.ktp, day)
    attempts = THREADS * ((len(times) + THREADS - 1) // THREADS + 2)

    def work(i: int) -> list[int]:
        client = Client(raise_request_exception=False)
        answers = []
        for n in range(i, attempts, THREADS):  # every slot is tried, some twice
            answers.append(
                client.post(
                    "/api/v1/queue/bookings",
                    {
                        "service": "ktp-el",
                        "starts_at": times[n % len(times)],
                        "phone": f"0812{n:08d}",
                    },
                    content_type="application/json",
                ).status_code
            )
        return answers

    statuses = hammer(THREADS, work)

    seats, cap = _cap(hall.ktp, day)
    booked = _booked(hall.ktp, day)
    slot_total = Slot.objects.filter(service=hall.ktp, day=day).aggregate(n=Sum("booked_count"))
    assert set(statuses) <= {201, 409}, statuses
    assert statuses[201] == booked == cap  # the cap is reached, never passed
    assert booked * 100 <= SHARE * seats
    assert slot_total["n"] == booked
    assert statuses[409] == attempts - cap


def test_concurrent_reschedules_into_a_full_day_respect_the_share(hall):
    full_day, other_day = _day(1), _day(2)
    times = _slot_times(hall.ktp, full_day)
    # Fill the first day up to two bookings short of its share, one at a time.
    domain.book_visit(
        service=hall.ktp,
        starts_at=available_slots(hall.ktp, full_day)[0].starts_at,
        phone="081300000000",
    )
    _seats, cap = _cap(hall.ktp, full_day)
    for n in range(1, cap - 2):
        slot = available_slots(hall.ktp, full_day)[n]
        domain.book_visit(service=hall.ktp, starts_at=slot.starts_at, phone=f"0813{n:08d}")
    assert _booked(hall.ktp, full_day) == cap - 2
    # Eight bookings on the other day, each moved concurrently to its own free slot of the first.
    codes = [
        domain.book_visit(
            service=hall.ktp,
            starts_at=available_slots(hall.ktp, other_day)[n].starts_at,
            phone=f"0814{n:08d}",
        ).code
        for n in range(THREADS)
    ]
    targets = times[cap : cap + THREADS]

    def work(i: int) -> list[int]:
        client = Client(raise_request_exception=False)
        return [
            client.post(
                f"/api/v1/queue/bookings/{codes[i]}/reschedule",
                {"starts_at": targets[i]},
                content_type="application/json",
            ).status_code
        ]

    statuses = hammer(THREADS, work)

    assert statuses == Tally({200: 2, 409: THREADS - 2})
    assert _booked(hall.ktp, full_day) == cap
    assert _booked(hall.ktp, other_day) == THREADS - 2
    seats_taken = Slot.objects.filter(service=hall.ktp).aggregate(n=Sum("booked_count"))["n"]
    assert seats_taken == Booking.objects.filter(status=BookingStatus.BOOKED).count()


def test_a_reschedule_within_a_full_day_still_works(hall):
    """Moving inside the same day takes no extra share: the old seat is given back."""
    day = _day(1)
    _slot_times(hall.ktp, day)
    slots = available_slots(hall.ktp, day)
    first = domain.book_visit(service=hall.ktp, starts_at=slots[0].starts_at, phone="081500000000")
    _seats, cap = _cap(hall.ktp, day)
    for n in range(1, cap):
        domain.book_visit(
            service=hall.ktp,
            starts_at=available_slots(hall.ktp, day)[n].starts_at,
            phone=f"0815{n:08d}",
        )
    assert _booked(hall.ktp, day) == cap
    free_time = [s for s in available_slots(hall.ktp, day) if s.free][-1].starts_at

    answer = Client().post(
        f"/api/v1/queue/bookings/{first.code}/reschedule",
        {"starts_at": free_time.isoformat()},
        content_type="application/json",
    )

    assert answer.status_code == 200
    assert _booked(hall.ktp, day) == cap
