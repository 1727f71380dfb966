"""Online booking: slots shared honestly with walk-ins, limits per person, cancel,
reschedule, check-in, no-show release."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mpp.queueing import domain, queries
from mpp.queueing.enums import BookingStatus
from mpp.queueing.models import Slot
from tests.queueing.conftest import build_hall

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # Monday 08:00 WIB
SLOT_10 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)  # 10:00 WIB


@pytest.fixture
def bookable(db):
    # 2 counters × 2 per slot = 4 seats per 30-minute slot, half kept for bookings.
    return build_hall(counters=2, slot_capacity=2, booking=True)


def _slot(service, starts_at):
    return Slot.objects.get(service=service, starts_at=starts_at)


def test_slots_follow_counter_schedule_and_breaks(db):
    hall = build_hall(counters=2, slot_capacity=3, booking=True)
    for counter in hall.counters:
        counter.opening_hours = [{"days": [0], "opens": "08:00", "closes": "12:00"}]
        counter.breaks = []
        counter.save()
    hall.counters[1].breaks = [{"start": "10:00", "end": "11:00"}]
    hall.counters[1].save()

    slots = queries.available_slots(hall.ktp, NOW.date(), now=NOW - timedelta(hours=2))

    assert [(s.starts_at.astimezone(UTC).hour, s.starts_at.minute, s.capacity) for s in slots] == [
        (1, 0, 6), (1, 30, 6), (2, 0, 6), (2, 30, 6),
        (3, 0, 3), (3, 30, 3),
        (4, 0, 6), (4, 30, 6),
    ]  # fmt: skip
    assert [s.booking_reserved for s in slots][:1] == [3]


def test_book_visit_takes_a_seat_and_walk_ins_share_the_same_pool(bookable):
    service = bookable.ktp
    for n in range(4):
        domain.book_visit(service=service, starts_at=SLOT_10, phone=f"08123456780{n}", now=NOW)

    with pytest.raises(domain.FullError):
        domain.book_visit(service=service, starts_at=SLOT_10, phone="081234567899", now=NOW)
    slot = _slot(service, SLOT_10)
    assert (slot.booked_count, slot.walk_in_count, slot.free) == (4, 0, 0)


def test_walk_ins_cannot_eat_seats_kept_for_bookings_before_release(bookable):
    service = bookable.ktp
    queue = service.queue
    queue.booking_release_minutes = 30
    queue.save()
    # Every slot of the day has 4 seats, 2 kept for bookings. At 00:00 WIB the first slot
    # (00:00–00:30) is already released; later ones are not.
    early = datetime(2026, 11, 29, 17, 40, tzinfo=UTC)  # 00:40 WIB
    tickets = [domain.issue_ticket(service=service, now=early) for _ in range(6)]

    slots = list(Slot.objects.filter(service=service, day=tickets[0].day).order_by("starts_at")[:4])
    assert [(s.walk_in_count, s.booked_count) for s in slots] == [(0, 0), (4, 0), (2, 0), (0, 0)]


def test_walk_in_full_day_is_refused_with_clear_message(db):
    hall = build_hall(counters=1, slot_capacity=1, booking=False)
    for counter in hall.counters:
        counter.opening_hours = [{"days": [0], "opens": "08:00", "closes": "09:00"}]
        counter.save()
    domain.issue_ticket(service=hall.ktp, now=NOW)
    domain.issue_ticket(service=hall.ktp, now=NOW)

    with pytest.raises(domain.FullError) as excinfo:
        domain.issue_ticket(service=hall.ktp, now=NOW)
    # It says what to do next: book online (Indonesian by default, English with Accept-Language).
    assert "daring" in excinfo.value.message or "online" in excinfo.value.message


def test_one_booking_per_person_service_and_day(bookable):
    domain.book_visit(service=bookable.ktp, starts_at=SLOT_10, phone="0812-3456-7890", now=NOW)

    with pytest.raises(domain.ConflictError):
        domain.book_visit(
            service=bookable.ktp,
            starts_at=SLOT_10 + timedelta(minutes=30),
            phone="+62 812 3456 7890",
            now=NOW,
        )
    assert _slot(bookable.ktp, SLOT_10 + timedelta(minutes=30)).booked_count == 0


def test_daily_limit_per_person_across_services(bookable):
    for service in (bookable.kk, bookable.akta):
        service.queue.slot_capacity = 2
        service.queue.booking_enabled = True
        service.queue.save()
    domain.book_visit(service=bookable.ktp, starts_at=SLOT_10, nik="3521010101900001", now=NOW)
    domain.book_visit(service=bookable.kk, starts_at=SLOT_10, nik="3521010101900001", now=NOW)

    with pytest.raises(domain.ConflictError):
        domain.book_visit(service=bookable.akta, starts_at=SLOT_10, nik="3521010101900001", now=NOW)


def test_bad_input_gives_field_errors(bookable):
    with pytest.raises(domain.QueueError) as phone:
        domain.book_visit(service=bookable.ktp, starts_at=SLOT_10, phone="12345", now=NOW)
    with pytest.raises(domain.QueueError) as nik:
        domain.book_visit(service=bookable.ktp, starts_at=SLOT_10, nik="35210", now=NOW)
    with pytest.raises(domain.QueueError) as past:
        domain.book_visit(
            service=bookable.ktp, starts_at=NOW - timedelta(hours=1), phone="081234567890", now=NOW
        )
    with pytest.raises(domain.NotFoundError):
        domain.book_visit(
            service=bookable.ktp,
            starts_at=SLOT_10 + timedelta(minutes=7),
            phone="081234567890",
            now=NOW,
        )

    assert (phone.value.field, nik.value.field, past.value.field) == ("phone", "nik", "starts_at")


def test_cancel_frees_seat_and_person_limit(bookable):
    booking = domain.book_visit(
        service=bookable.ktp, starts_at=SLOT_10, phone="081234567890", now=NOW
    )

    domain.cancel_booking(booking=booking, now=NOW)
    domain.cancel_booking(booking=booking, now=NOW)  # idempotent
    again = domain.book_visit(
        service=bookable.ktp, starts_at=SLOT_10, phone="081234567890", now=NOW
    )

    assert again.status == BookingStatus.BOOKED
    assert _slot(bookable.ktp, SLOT_10).booked_count == 1


def test_reschedule_moves_seat_or_stays_when_full(bookable):
    booking = domain.book_visit(
        service=bookable.ktp, starts_at=SLOT_10, phone="081234567890", now=NOW
    )
    later = SLOT_10 + timedelta(minutes=30)

    domain.reschedule_booking(booking=booking, starts_at=later, now=NOW)
    for n in range(3):
        domain.book_visit(service=bookable.ktp, starts_at=SLOT_10, phone=f"08129999000{n}", now=NOW)
    domain.book_visit(service=bookable.ktp, starts_at=SLOT_10, phone="081299990009", now=NOW)
    with pytest.raises(domain.FullError):
        domain.reschedule_booking(booking=booking, starts_at=SLOT_10, now=NOW)

    booking.refresh_from_db()
    assert booking.starts_at == later
    assert (_slot(bookable.ktp, SLOT_10).booked_count, _slot(bookable.ktp, later).booked_count) == (
        4,
        1,
    )


def test_check_in_window_and_place_in_line_at_slot_time(bookable):
    counter, officer = bookable.counters[0], bookable.officers[0]
    booking = domain.book_visit(
        service=bookable.ktp, starts_at=SLOT_10, phone="081234567890", now=NOW
    )
    with pytest.raises(domain.QueueError):
        domain.check_in(booking=booking, now=SLOT_10 - timedelta(minutes=61))

    ticket = domain.check_in(booking=booking, now=SLOT_10 - timedelta(minutes=20))
    again = domain.check_in(booking=booking, now=SLOT_10 - timedelta(minutes=19))
    walk_in_before = domain.issue_ticket(service=bookable.kk, now=SLOT_10 - timedelta(minutes=10))
    walk_in_after = domain.issue_ticket(service=bookable.kk, now=SLOT_10 + timedelta(minutes=1))
    order = []
    for minute in range(3):
        t = domain.call_next(
            counter=counter, officer=officer, now=SLOT_10 + timedelta(minutes=2 + minute)
        )
        order.append(t.pk)
        domain.finish_service(
            ticket=t, officer=officer, now=SLOT_10 + timedelta(minutes=2 + minute)
        )

    assert again.pk == ticket.pk
    assert order == [walk_in_before.pk, ticket.pk, walk_in_after.pk]


def test_no_show_is_released_and_seat_goes_to_walk_ins(bookable):
    service = bookable.ktp
    bookings = [
        domain.book_visit(service=service, starts_at=SLOT_10, phone=f"08123456780{n}", now=NOW)
        for n in range(4)
    ]
    for booking in bookings[:3]:
        domain.check_in(booking=booking, now=SLOT_10 - timedelta(minutes=5))
    late = SLOT_10 + timedelta(minutes=16)
    # Only slots from 10:30 on have room before release; force the 10:00 slot to be the only one.
    Slot.objects.filter(service=service).exclude(starts_at=SLOT_10).update(
        capacity=0, booking_reserved=0
    )

    ticket = domain.issue_ticket(service=service, now=late)

    assert ticket.slot_id == _slot(service, SLOT_10).pk
    slot = _slot(service, SLOT_10)
    assert (slot.booked_count, slot.walk_in_count) == (3, 1)
    bookings[3].refresh_from_db()
    assert bookings[3].status == BookingStatus.NO_SHOW


def test_late_check_in_after_window_is_refused(bookable):
    booking = domain.book_visit(
        service=bookable.ktp, starts_at=SLOT_10, phone="081234567890", now=NOW
    )

    with pytest.raises(domain.ConflictError):
        domain.check_in(booking=booking, now=SLOT_10 + timedelta(minutes=16))
