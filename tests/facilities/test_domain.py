"""Room booking rules: times, limits, no overlaps, cancel, check-in, no-show release."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import translation

from mpp.audit.models import AuditEvent
from mpp.facilities import domain
from mpp.facilities.enums import RoomBookingStatus
from mpp.facilities.models import RoomBooking
from tests.applications.factories import CitizenFactory
from tests.facilities.conftest import make_room, tomorrow_at

pytestmark = pytest.mark.django_db


def _book(room, user, start, minutes=60, **kw):  # type: ignore[no-untyped-def]
    return domain.book_room(
        room=room, user=user, starts_at=start, ends_at=start + timedelta(minutes=minutes), **kw
    )


def test_book_room_creates_booking_and_audit_event(room, citizen):
    booking = _book(room, citizen, tomorrow_at(10))
    assert booking.status == RoomBookingStatus.BOOKED
    assert len(booking.code) == 8
    assert AuditEvent.objects.filter(action="facilities.room_booked").count() == 1


def test_overlap_is_already_taken_in_both_languages(room, citizen):
    _book(room, citizen, tomorrow_at(10), 60)
    other = CitizenFactory()
    with translation.override("id"), pytest.raises(domain.AlreadyTakenError) as caught:
        _book(room, other, tomorrow_at(10, 30), 60)
    assert "Sudah dipesan orang lain" in caught.value.message
    with translation.override("en"), pytest.raises(domain.AlreadyTakenError) as caught:
        _book(room, other, tomorrow_at(9, 30), 60)
    assert "already taken" in caught.value.message.lower()
    assert RoomBooking.objects.count() == 1


def test_adjacent_bookings_and_other_rooms_do_not_clash(room, citizen, mall):
    _book(room, citizen, tomorrow_at(10), 60)
    _book(room, CitizenFactory(), tomorrow_at(11), 60)  # [10,11) and [11,12) touch only
    desk = make_room(mall, slug="meja", name="Meja")
    _book(desk, CitizenFactory(), tomorrow_at(10), 60)
    assert RoomBooking.objects.count() == 3


@pytest.mark.parametrize(
    ("start_hour", "minutes", "field"),
    [
        (10, 15, "ends_at"),  # shorter than 30 minutes
        (10, 240, "ends_at"),  # longer than 180
    ],
)
def test_length_rules(room, citizen, start_hour, minutes, field):
    with pytest.raises(domain.FacilityError) as caught:
        _book(room, citizen, tomorrow_at(start_hour), minutes)
    assert caught.value.field == field
    assert RoomBooking.objects.count() == 0


def test_past_far_future_and_closed_hours_are_refused(mall, citizen):
    room = make_room(
        mall, opens_at=__import__("datetime").time(8), closes_at=__import__("datetime").time(16)
    )
    with pytest.raises(domain.FacilityError):
        _book(room, citizen, tomorrow_at(10) - timedelta(days=3))
    with pytest.raises(domain.FacilityError):
        _book(room, citizen, tomorrow_at(10) + timedelta(days=30))
    with pytest.raises(domain.FacilityError):
        _book(room, citizen, tomorrow_at(15, 30), 60)  # ends after closing
    with pytest.raises(domain.FacilityError):
        _book(room, citizen, tomorrow_at(7), 60)
    with pytest.raises(domain.FacilityError):
        domain.book_room(
            room=room, user=citizen, starts_at=tomorrow_at(11), ends_at=tomorrow_at(10)
        )
    assert RoomBooking.objects.count() == 0


def test_weekly_limit_per_person(mall, citizen):
    room = make_room(mall, weekly_limit=2)
    base = tomorrow_at(8)
    week_monday = base - timedelta(days=base.weekday())
    start = week_monday + timedelta(days=7)  # next week's Monday 08:00, all within one week
    _book(room, citizen, start)
    _book(room, citizen, start + timedelta(hours=2))
    with pytest.raises(domain.LimitReachedError):
        _book(room, citizen, start + timedelta(hours=4))
    # Another person is not limited by it.
    _book(room, CitizenFactory(), start + timedelta(hours=4))


def test_cancel_frees_the_time_and_is_idempotent(room, citizen):
    booking = _book(room, citizen, tomorrow_at(10))
    domain.cancel_room_booking(booking=booking, user=citizen)
    domain.cancel_room_booking(booking=booking, user=citizen)
    booking.refresh_from_db()
    assert booking.status == RoomBookingStatus.CANCELLED
    _book(room, CitizenFactory(), tomorrow_at(10))  # free again


def test_someone_else_cannot_cancel(room, citizen):
    booking = _book(room, citizen, tomorrow_at(10))
    with pytest.raises(domain.NotFoundError):
        domain.cancel_room_booking(booking=booking, user=CitizenFactory())
    booking.refresh_from_db()
    assert booking.status == RoomBookingStatus.BOOKED


def test_check_in_window(room, citizen):
    start = tomorrow_at(10)
    booking = _book(room, citizen, start)
    with pytest.raises(domain.FacilityError):
        domain.check_in_room(booking=booking, now=start - timedelta(minutes=20))
    done = domain.check_in_room(booking=booking, now=start - timedelta(minutes=10))
    assert done.status == RoomBookingStatus.CHECKED_IN
    assert domain.check_in_room(booking=booking, now=start).status == RoomBookingStatus.CHECKED_IN
    late = _book(room, CitizenFactory(), tomorrow_at(12))
    with pytest.raises(domain.FacilityError):
        domain.check_in_room(booking=late, now=tomorrow_at(12, 16))


def test_find_booking_accepts_typed_codes(room, citizen):
    booking = _book(room, citizen, tomorrow_at(10))
    typed = booking.code.lower()[:4] + "-" + booking.code.lower()[4:]
    assert domain.find_booking(typed) == booking
    with pytest.raises(domain.NotFoundError):
        domain.find_booking("ZZZZZZZZ")


def test_release_no_shows_is_idempotent_and_frees_the_room(room, citizen):
    start = tomorrow_at(10)
    booking = _book(room, citizen, start)
    kept = _book(room, CitizenFactory(), tomorrow_at(12))
    assert domain.release_no_shows(now=start + timedelta(minutes=10)) == 0
    assert domain.release_no_shows(now=start + timedelta(minutes=16)) == 1
    assert domain.release_no_shows(now=start + timedelta(minutes=17)) == 0
    booking.refresh_from_db()
    kept.refresh_from_db()
    assert (booking.status, kept.status) == (RoomBookingStatus.RELEASED, RoomBookingStatus.BOOKED)
    call_command("release_room_no_shows")  # real clock: nothing due yet
    kept.refresh_from_db()
    assert kept.status == RoomBookingStatus.BOOKED


def test_staff_block_out_refuses_overlaps_and_blocks_bookings(room, citizen):
    _book(room, citizen, tomorrow_at(10))
    with pytest.raises(domain.AlreadyTakenError):
        domain.block_room(
            room=room, starts_at=tomorrow_at(9), ends_at=tomorrow_at(12), reason="AC", actor=None
        )
    block = domain.block_room(
        room=room, starts_at=tomorrow_at(13), ends_at=tomorrow_at(15), reason="AC", actor=None
    )
    assert block.status == RoomBookingStatus.BLOCKED
    with pytest.raises(domain.AlreadyTakenError):
        _book(room, CitizenFactory(), tomorrow_at(14))
