"""Online bookings: book, cancel, reschedule, check in (no-shows: `no_shows.py`).

Seats: a booking takes a seat in its slot with one conditional update
(`booked_count + walk_in_count < capacity`), the same pool walk-ins draw from, and a check
constraint makes the database refuse overbooking whatever the code does. A slot shown free is
really free (the Kendari JARI trap, docs/domain-facts.md §6).

Anti-hoarding: one active booking per person (phone or NIK), service and day (a partial unique
constraint) and at most MPP_QUEUE_BOOKINGS_PER_PERSON_PER_DAY (default 2) active bookings per
person and day (a conditional update on a per-person-day row).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import formats
from django.utils.translation import gettext as _

from mpp.accounts.models import User
from mpp.catalog.models import Service
from mpp.core.domain_events import (
    BookingCancelled,
    BookingCreated,
    BookingRescheduled,
    TicketIssued,
    emit,
)
from mpp.core.models import Mall
from mpp.core.phones import normalise_phone
from mpp.queueing.domain.common import (
    local_day,
    mall_zone,
    new_code,
    now_or,
    nudge_board,
    person_key,
    setting,
)
from mpp.queueing.domain.errors import ConflictError, FullError, NotFoundError, QueueError
from mpp.queueing.domain.follow import follow_booked_ticket
from mpp.queueing.domain.no_shows import release_booking_seat, release_no_shows, release_person_day
from mpp.queueing.domain.schedule import ensure_slots
from mpp.queueing.domain.tickets import _create_ticket, _event, _queue_of
from mpp.queueing.enums import BookingStatus, TicketChannel, TicketEventKind
from mpp.queueing.models import Booking, PersonDay, QueueService, Slot, Ticket


def _bookable_queue(service: Service) -> QueueService:
    queue = _queue_of(service)
    if not (service.is_active and queue.booking_enabled and queue.slot_capacity):
        raise QueueError(
            _("This service cannot be booked online. Take a ticket at the kiosk instead."),
            field="service",
        )
    return queue


def _find_slot(service: Service, queue: QueueService, starts_at: datetime, now: datetime) -> Slot:
    mall = service.mall
    day = starts_at.astimezone(mall_zone(mall)).date()
    today = local_day(mall, now)
    if day < today or starts_at <= now:
        raise QueueError(_("That time has already passed. Pick a later time."), field="starts_at")
    if day > today + timedelta(days=queue.booking_horizon_days):
        raise QueueError(
            _("Bookings open %(days)s days ahead. Pick an earlier day.")
            % {"days": queue.booking_horizon_days},
            field="starts_at",
        )
    ensure_slots(service, queue, day)
    slot = Slot.objects.filter(service=service, starts_at=starts_at).first()
    if slot is None:
        raise NotFoundError(
            _("There is no slot at that time. Pick one of the times offered."), field="starts_at"
        )
    return slot


def _take_person_day(mall: Mall, key: str, day: date) -> None:
    limit = setting("MPP_QUEUE_BOOKINGS_PER_PERSON_PER_DAY", 2)
    PersonDay.objects.bulk_create(
        [PersonDay(mall=mall, person_key=key, day=day, active_count=0)], ignore_conflicts=True
    )
    taken = PersonDay.objects.filter(
        mall=mall, person_key=key, day=day, active_count__lt=limit
    ).update(active_count=F("active_count") + 1)
    if not taken:
        raise ConflictError(
            _("You already have %(n)s bookings on that day, the most one person may hold.")
            % {"n": limit},
            field="phone",
        )


def _take_booking_seat(slot: Slot) -> None:
    taken = Slot.objects.filter(
        pk=slot.pk, booked_count__lt=F("capacity") - F("walk_in_count")
    ).update(booked_count=F("booked_count") + 1)
    if not taken:
        raise FullError(
            _("This time is fully booked. Please pick another time."), field="starts_at"
        )


def _lock_days(service_id: int, *days: date) -> None:
    """Lock every slot row of the service on these days, in id order, before any of them is
    changed. Bookings and reschedules of one service then queue on the same rows in the same
    order: the day-share count below sees every seat taken before it, and two transactions
    never hold one slot each while waiting for the other's (a deadlock on PostgreSQL; SQLite's
    IMMEDIATE transactions already run one writer at a time)."""
    if setting("MPP_QUEUE_BOOKING_DAY_SHARE", 60) >= 100:
        return
    list(
        Slot.objects.filter(service_id=service_id, day__in=set(days))
        .order_by("pk")
        .select_for_update()
        .values_list("pk", flat=True)
    )


def _within_day_share(slot: Slot) -> None:
    """Online bookings never take more than MPP_QUEUE_BOOKING_DAY_SHARE percent of a service's
    seats of a day (issue 10.1): the rest stays for people who walk in. Called after the seat
    was taken, in the same transaction, with the day's slot rows locked by `_lock_days`."""
    share = setting("MPP_QUEUE_BOOKING_DAY_SHARE", 60)
    if share >= 100:
        return
    day_slots = Slot.objects.filter(service_id=slot.service_id, day=slot.day)
    totals = day_slots.aggregate(booked=Sum("booked_count"), seats=Sum("capacity"))
    if (totals["booked"] or 0) * 100 > share * (totals["seats"] or 0):
        raise FullError(
            _("Online bookings for this day are full. Take a kiosk ticket or pick another day."),
            field="starts_at",
        )


def _within_active_limit(mall: Mall, key: str, now: datetime) -> None:
    """A person holds at most MPP_QUEUE_ACTIVE_BOOKINGS_PER_PERSON bookings still to come."""
    limit = setting("MPP_QUEUE_ACTIVE_BOOKINGS_PER_PERSON", 3)
    active = Booking.objects.filter(
        mall=mall, person_key=key, status=BookingStatus.BOOKED, starts_at__gt=now
    ).count()
    if active >= limit:
        raise ConflictError(
            _("You already hold %(n)s bookings. Use or cancel one before booking again.")
            % {"n": limit},
            field="phone",
        )


def book_visit(
    *,
    service: Service,
    starts_at: datetime,
    phone: str = "",
    nik: str = "",
    name: str = "",
    priority: str = "",
    now: datetime | None = None,
) -> Booking:
    """Book the slot of `service` that starts at `starts_at` for one person.

    Rules: the service is bookable; the time is one of the offered slots, in the future and
    within the booking horizon; the slot has a free seat; the person (phone or NIK) holds no
    other active booking for this service that day and fewer than the daily limit overall.
    Raises FullError / ConflictError / QueueError with a message that says what to do.
    """
    now = now_or(now)
    queue = _bookable_queue(service)
    phone = normalise_phone(phone, error=QueueError) if (phone or "").strip() else ""
    key = person_key(phone=phone, nik=nik)
    name = (name or "").strip()[:120]
    slot = _find_slot(service, queue, starts_at, now)
    try:
        with transaction.atomic():
            _take_person_day(service.mall, key, slot.day)
            _within_active_limit(service.mall, key, now)
            _lock_days(slot.service_id, slot.day)
            _take_booking_seat(slot)
            _within_day_share(slot)
            booking = Booking.objects.create(
                mall_id=service.mall_id,
                code=new_code(),
                service=service,
                slot=slot,
                day=slot.day,
                starts_at=slot.starts_at,
                name=name,
                phone=phone,
                person_key=key,
                priority=priority,
                created_at=now,
                changed_at=now,
            )
            emit(BookingCreated(mall_id=booking.mall_id, booking_id=booking.pk))
    except IntegrityError as exc:
        raise ConflictError(
            _("You already have a booking for this service on that day. Reschedule it instead."),
            field="phone",
        ) from exc
    return booking


def cancel_booking(*, booking: Booking, now: datetime | None = None) -> Booking:
    """Cancel a booking and free its seat. Idempotent on a cancelled booking."""
    now = now_or(now)
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == BookingStatus.CANCELLED:
            return booking
        if booking.status != BookingStatus.BOOKED:
            raise ConflictError(
                _("This booking is %(status)s and can no longer be cancelled.")
                % {"status": booking.get_status_display()},
                field="code",
            )
        booking.status = BookingStatus.CANCELLED
        booking.changed_at = now
        booking.save(update_fields=["status", "changed_at"])
        release_booking_seat(booking.slot_id)
        release_person_day(booking.mall_id, booking.person_key, booking.day)
        emit(BookingCancelled(mall_id=booking.mall_id, booking_id=booking.pk))
    return booking


def reschedule_booking(
    *, booking: Booking, starts_at: datetime, now: datetime | None = None
) -> Booking:
    """Move a booking to another slot of the same service (any bookable day). The new seat
    is taken before the old one is freed, in one transaction: if the new time is full, the
    booking stays where it was."""
    now = now_or(now)
    booking = Booking.objects.select_related("service__queue", "service__mall").get(pk=booking.pk)
    service = booking.service
    queue = _bookable_queue(service)
    if booking.status != BookingStatus.BOOKED:
        raise ConflictError(_("Only an active booking can be moved."), field="code")
    new_slot = _find_slot(service, queue, starts_at, now)
    if new_slot.pk == booking.slot_id:
        return booking
    try:
        with transaction.atomic():
            booking = Booking.objects.select_for_update().get(pk=booking.pk)
            if booking.status != BookingStatus.BOOKED:
                raise ConflictError(_("Only an active booking can be moved."), field="code")
            old_slot_id, old_day = booking.slot_id, booking.day
            if new_slot.day != old_day:
                _take_person_day(service.mall, booking.person_key, new_slot.day)
                release_person_day(booking.mall_id, booking.person_key, old_day)
            # Both days' slot rows, locked in id order (see _lock_days); without the day share
            # only the two slot rows are touched, also in id order.
            _lock_days(service.pk, old_day, new_slot.day)
            if new_slot.pk < old_slot_id:
                _take_booking_seat(new_slot)
                release_booking_seat(old_slot_id)
            else:
                release_booking_seat(old_slot_id)
                _take_booking_seat(new_slot)
            if new_slot.day != old_day:
                # A move to another day is a new online seat on that day: the share holds.
                _within_day_share(new_slot)
            booking.slot = new_slot
            booking.day = new_slot.day
            booking.starts_at = new_slot.starts_at
            booking.changed_at = now
            booking.save(update_fields=["slot", "day", "starts_at", "changed_at"])
            emit(BookingRescheduled(mall_id=booking.mall_id, booking_id=booking.pk))
    except IntegrityError as exc:
        raise ConflictError(
            _("You already have a booking for this service on that day."), field="starts_at"
        ) from exc
    return booking


def checkin_window(booking: Booking, queue: QueueService) -> tuple[datetime, datetime]:
    return (
        booking.starts_at - timedelta(minutes=queue.checkin_early_minutes),
        booking.starts_at + timedelta(minutes=queue.checkin_late_minutes),
    )


def check_in(*, booking: Booking, now: datetime | None = None, actor: User | None = None) -> Ticket:
    """Turn a booking into a ticket when the citizen arrives (kiosk, phone at the mall, or an
    officer). Allowed from `checkin_early_minutes` before the slot to `checkin_late_minutes`
    after its start. The ticket's place in line is the slot's start, so bookers are merged
    with walk-ins at their booked time. Idempotent: a second check-in returns the ticket."""
    now = now_or(now)
    queue = _queue_of(booking.service)
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("service").get(pk=booking.pk)
        if booking.status == BookingStatus.CHECKED_IN and booking.ticket_id:
            return Ticket.objects.get(pk=booking.ticket_id)
        if booking.status != BookingStatus.BOOKED:
            raise ConflictError(
                _("This booking is %(status)s. Please take a ticket at the kiosk.")
                % {"status": booking.get_status_display()},
                field="code",
            )
        opens, closes = checkin_window(booking, queue)
        if now < opens:
            local = opens.astimezone(mall_zone(booking.service.mall))
            raise QueueError(
                _("Check-in opens at %(time)s. Please come back then.")
                % {"time": formats.time_format(local, "H.i")},
                field="code",
            )
        if now > closes:
            raise ConflictError(
                _(
                    "Your booked time has passed and the place was released. "
                    "Please take a ticket at the kiosk."
                ),
                field="code",
            )
        ticket = _create_ticket(
            mall=booking.service.mall,
            service=booking.service,
            prefix=queue.prefix,
            day=booking.day,
            channel=TicketChannel.BOOKING,
            priority=booking.priority,
            queued_at=booking.starts_at,
            slot=booking.slot,
            request_key=None,
            now=now,
        )
        booking.status = BookingStatus.CHECKED_IN
        booking.ticket = ticket
        booking.changed_at = now
        booking.save(update_fields=["status", "ticket", "changed_at"])
        _event(ticket, TicketEventKind.ISSUED, now, actor=actor)
        event = _event(
            ticket, TicketEventKind.CHECKED_IN, now, actor=actor, note=f"booking {booking.code}"
        )
        nudge_board(ticket.mall_id, event.pk, "issued", service=ticket.service_id)
        if booking.phone:
            follow_booked_ticket(ticket=ticket, phone=booking.phone, now=now)
        emit(
            TicketIssued(mall_id=ticket.mall_id, ticket_id=ticket.pk, service_id=ticket.service_id)
        )
    return ticket


__all__ = [
    "book_visit",
    "cancel_booking",
    "check_in",
    "checkin_window",
    "release_no_shows",
    "reschedule_booking",
]
