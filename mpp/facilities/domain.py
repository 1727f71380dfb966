"""Rules of the co-working space: book, cancel, check in, release no-shows, block out.

No double booking, ever. Every write that takes room time runs in one write transaction that
first checks for an overlapping active booking and then inserts:
- on SQLite the transaction is IMMEDIATE (settings), so it holds the database's single write
  lock from BEGIN: no other writer can slip an insert between the check and the insert;
- on PostgreSQL the exclusion constraint `room_booking_no_overlap` (btree_gist, migration
  0001) refuses an overlapping row whatever the code does; the IntegrityError it raises is
  turned into the same "already taken" error.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from mpp.audit.domain import record_event
from mpp.core import errors as core_errors
from mpp.core.clock import mall_zone, now_or
from mpp.core.codes import new_code, normalise_code
from mpp.facilities.enums import FREE_STATUSES, RoomBookingStatus
from mpp.facilities.models import Room, RoomBooking

# Check in from this long before the start.
EARLY_CHECK_IN = timedelta(minutes=15)


class FacilityError(core_errors.DomainError):
    """A rule of rooms or MSMEs was broken; the core's one family (`mpp.core.errors`)."""

    def __init__(
        self, message: str, field: str = "", *, errors: dict[str, str] | None = None
    ) -> None:
        super().__init__(message, field=field, errors=errors)


class NotFoundError(FacilityError, core_errors.NotFoundError):
    pass


class AlreadyTakenError(FacilityError, core_errors.ConflictError):
    """Someone else holds (part of) that time: "Sudah dipesan orang lain"."""


class LimitReachedError(FacilityError, core_errors.ConflictError):
    pass


def already_taken() -> AlreadyTakenError:
    return AlreadyTakenError(
        _("Already taken by someone else. Please pick another time."), field="starts_at"
    )


def overlapping(room: Room, starts_at: datetime, ends_at: datetime) -> Any:
    return RoomBooking.objects.filter(
        room=room, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).exclude(status__in=FREE_STATUSES)


def _week_bounds(room: Room, when: datetime) -> tuple[datetime, datetime]:
    zone = mall_zone(room.mall)
    local = when.astimezone(zone)
    monday = (local - timedelta(days=local.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return monday, monday + timedelta(days=7)


def validate_times(*, room: Room, starts_at: datetime, ends_at: datetime, now: datetime) -> None:
    """The booking's span fits the room's rules; raises FacilityError saying what to change."""
    if not room.is_active:
        raise FacilityError(_("This room cannot be booked at the moment."), field="room")
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise FacilityError(_("Give times with a time zone."), field="starts_at")
    if ends_at <= starts_at:
        raise FacilityError(_("The end must be after the start."), field="ends_at")
    if starts_at <= now:
        raise FacilityError(_("That time has already passed. Pick a later time."), "starts_at")
    minutes = int((ends_at - starts_at).total_seconds() // 60)
    if minutes < room.min_minutes:
        raise FacilityError(
            _("Book at least %(n)s minutes.") % {"n": room.min_minutes}, field="ends_at"
        )
    if minutes > room.max_minutes:
        raise FacilityError(
            _("Book at most %(n)s minutes.") % {"n": room.max_minutes}, field="ends_at"
        )
    zone = mall_zone(room.mall)
    start_l, end_l = starts_at.astimezone(zone), ends_at.astimezone(zone)
    today = now.astimezone(zone).date()
    if start_l.date() > today + timedelta(days=room.horizon_days):
        raise FacilityError(
            _("Bookings open %(n)s days ahead. Pick an earlier day.") % {"n": room.horizon_days},
            field="starts_at",
        )
    intervals = room.open_intervals(start_l.date())
    start_m = start_l.hour * 60 + start_l.minute
    end_m = end_l.hour * 60 + end_l.minute
    if start_l.date() != end_l.date() or not any(
        lo <= start_m and end_m <= hi for lo, hi in intervals
    ):
        if not intervals:
            raise FacilityError(
                _("The room cannot be booked on that day (the mall is closed). Pick another day."),
                field="starts_at",
            )
        raise FacilityError(
            _("On that day the room is open %(hours)s. Pick a time inside it.")
            % {"hours": ", ".join(f"{_hhmm(lo)}–{_hhmm(hi)}" for lo, hi in intervals)},
            field="starts_at",
        )


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}.{minutes % 60:02d}"


def book_room(
    *,
    room: Room,
    user: Any,
    starts_at: datetime,
    ends_at: datetime,
    now: datetime | None = None,
) -> RoomBooking:
    """Book `room` for [starts_at, ends_at) for `user`.

    Raises FacilityError (bad times), LimitReachedError (weekly limit) or AlreadyTakenError (someone
    else holds part of that time). Nothing is written when it raises.
    """
    now = now_or(now)
    validate_times(room=room, starts_at=starts_at, ends_at=ends_at, now=now)
    week_start, week_end = _week_bounds(room, starts_at)
    try:
        with transaction.atomic():
            # On PostgreSQL, serialise bookings of one room (row lock) so the weekly limit
            # and the overlap check see each other; the exclusion constraint stays the
            # last line of defence. On SQLite the IMMEDIATE transaction already serialises.
            Room.objects.select_for_update().filter(pk=room.pk).first()
            if overlapping(room, starts_at, ends_at).exists():
                raise already_taken()
            held = (
                RoomBooking.objects.filter(
                    user=user, mall=room.mall, starts_at__gte=week_start, starts_at__lt=week_end
                )
                .exclude(status__in=FREE_STATUSES)
                .count()
            )
            if held >= room.weekly_limit:
                raise LimitReachedError(
                    _("You already have %(n)s bookings that week, the most one person may hold.")
                    % {"n": room.weekly_limit},
                    field="starts_at",
                )
            booking = RoomBooking.objects.create(
                mall=room.mall,
                room=room,
                user=user,
                code=new_code(),
                starts_at=starts_at,
                ends_at=ends_at,
                created_at=now,
                changed_at=now,
            )
            record_event(
                action="facilities.room_booked",
                obj=booking,
                actor=user,
                data={"room": room.slug, "starts_at": starts_at.isoformat()},
            )
    except IntegrityError as exc:  # the exclusion constraint (PostgreSQL)
        raise already_taken() from exc
    return booking


def block_room(
    *,
    room: Room,
    starts_at: datetime,
    ends_at: datetime,
    reason: str,
    actor: Any,
    now: datetime | None = None,
) -> RoomBooking:
    """Staff block-out (maintenance, official event). Refused if it overlaps a booking: the
    staff member cancels that booking first, so no citizen loses a room silently."""
    now = now_or(now)
    if ends_at <= starts_at:
        raise FacilityError(_("The end must be after the start."), field="ends_at")
    try:
        with transaction.atomic():
            Room.objects.select_for_update().filter(pk=room.pk).first()
            if overlapping(room, starts_at, ends_at).exists():
                raise already_taken()
            booking = RoomBooking.objects.create(
                mall=room.mall,
                room=room,
                user=None,
                code=new_code(),
                starts_at=starts_at,
                ends_at=ends_at,
                status=RoomBookingStatus.BLOCKED,
                note=reason[:200],
                created_at=now,
                changed_at=now,
            )
            record_event(
                action="facilities.room_blocked", obj=booking, actor=actor, data={"note": reason}
            )
    except IntegrityError as exc:
        raise already_taken() from exc
    return booking


def find_booking(code: str) -> RoomBooking:
    booking = (
        RoomBooking.objects.select_related("room", "mall").filter(code=normalise_code(code)).first()
    )
    if booking is None:
        raise NotFoundError(
            _("No booking has that code. Check the code and try again."), field="code"
        )
    return booking


def cancel_room_booking(
    *, booking: RoomBooking, user: Any, now: datetime | None = None
) -> RoomBooking:
    """The holder cancels before the start. Idempotent on a cancelled booking."""
    now = now_or(now)
    with transaction.atomic():
        booking = RoomBooking.objects.select_for_update().get(pk=booking.pk)
        if booking.user_id is None or booking.user_id != getattr(user, "pk", None):
            raise NotFoundError(
                _("No booking has that code. Check the code and try again."), "code"
            )
        if booking.status == RoomBookingStatus.CANCELLED:
            return booking
        if booking.status != RoomBookingStatus.BOOKED or booking.starts_at <= now:
            raise FacilityError(_("This booking can no longer be cancelled."), field="code")
        booking.status = RoomBookingStatus.CANCELLED
        booking.changed_at = now
        booking.save(update_fields=["status", "changed_at"])
        record_event(action="facilities.room_cancelled", obj=booking, actor=user)
    return booking


def check_in_room(
    *, booking: RoomBooking, now: datetime | None = None, actor: Any = None
) -> RoomBooking:
    """Check in at the front desk: from 15 minutes before the start until the grace period
    after it ends. Idempotent on a checked-in booking."""
    now = now_or(now)
    with transaction.atomic():
        booking = RoomBooking.objects.select_for_update().select_related("room").get(pk=booking.pk)
        if booking.status == RoomBookingStatus.CHECKED_IN:
            return booking
        if booking.status != RoomBookingStatus.BOOKED:
            raise FacilityError(
                _("This booking is %(status)s; it cannot be checked in.")
                % {"status": booking.get_status_display().lower()},
                field="code",
            )
        if now < booking.starts_at - EARLY_CHECK_IN:
            raise FacilityError(
                _("Too early: check in from 15 minutes before your booking starts."), "code"
            )
        if now > booking.starts_at + timedelta(minutes=booking.room.grace_minutes):
            raise FacilityError(_("Too late: the check-in time of this booking is over."), "code")
        booking.status = RoomBookingStatus.CHECKED_IN
        booking.checked_in_at = now
        booking.changed_at = now
        booking.save(update_fields=["status", "checked_in_at", "changed_at"])
        record_event(action="facilities.room_checked_in", obj=booking, actor=actor)
    return booking


def release_no_shows(*, now: datetime | None = None) -> int:
    """Release bookings not checked in within the grace period. Idempotent: a second run finds
    nothing to release. Returns how many were released."""
    now = now_or(now)
    released = 0
    candidates = RoomBooking.objects.filter(
        status=RoomBookingStatus.BOOKED, starts_at__lt=now
    ).select_related("room")
    for booking in candidates:
        if now <= booking.starts_at + timedelta(minutes=booking.room.grace_minutes):
            continue
        with transaction.atomic():
            n = RoomBooking.objects.filter(pk=booking.pk, status=RoomBookingStatus.BOOKED).update(
                status=RoomBookingStatus.RELEASED, changed_at=now
            )
            if n:
                released += 1
                record_event(
                    action="facilities.room_released", obj=booking, actor="system:no_shows"
                )
    return released
