"""Freeing what a booking held: its seat in the slot, the person's count for the day, and the
no-show sweep (`release_no_shows`) that frees the seats of bookings whose check-in window has
closed, so walk-ins can use them.

Below both `bookings` (cancel, reschedule) and `tickets` (a walk-in finding the day full first
releases no-shows), so neither imports the other for it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import F

from mpp.catalog.models import Service
from mpp.core.models import Mall
from mpp.queueing.domain.common import now_or
from mpp.queueing.enums import BookingStatus
from mpp.queueing.models import Booking, PersonDay, Slot


def release_person_day(mall_id: int, key: str, day: date) -> None:
    PersonDay.objects.filter(mall_id=mall_id, person_key=key, day=day, active_count__gt=0).update(
        active_count=F("active_count") - 1
    )


def release_booking_seat(slot_id: int) -> None:
    Slot.objects.filter(pk=slot_id, booked_count__gt=0).update(booked_count=F("booked_count") - 1)


def release_no_shows(
    *, mall: Mall, now: datetime | None = None, service: Service | None = None
) -> int:
    """Mark bookings whose check-in window has closed as no-shows and free their seats, so
    walk-ins can use them. Returns how many were released. Safe to run at any time and
    concurrently (each booking is re-checked under its row lock)."""
    now = now_or(now)
    candidates = Booking.objects.filter(
        mall=mall, status=BookingStatus.BOOKED, starts_at__lt=now
    ).select_related("service__queue")
    if service is not None:
        candidates = candidates.filter(service=service)
    released = 0
    for booking in candidates[:500]:
        late = timedelta(minutes=booking.service.queue.checkin_late_minutes)
        if booking.starts_at + late >= now:
            continue
        with transaction.atomic():
            locked = Booking.objects.select_for_update().get(pk=booking.pk)
            if locked.status != BookingStatus.BOOKED:
                continue
            locked.status = BookingStatus.NO_SHOW
            locked.changed_at = now
            locked.save(update_fields=["status", "changed_at"])
            release_booking_seat(locked.slot_id)
            release_person_day(locked.mall_id, locked.person_key, locked.day)
            released += 1
    return released
