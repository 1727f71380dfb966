"""Read-side helpers: the day's availability grid and the usage figures for the transparency
dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q

from mpp.core.clock import mall_zone
from mpp.core.models import Mall
from mpp.facilities.enums import FREE_STATUSES, RoomBookingStatus
from mpp.facilities.models import BoothPeriod, Room, RoomBooking

STEP = timedelta(minutes=30)


@dataclass(frozen=True)
class Cell:
    starts_at: datetime
    ends_at: datetime
    state: str  # "free", "taken", "blocked", "past"

    @property
    def label(self) -> str:
        return self.starts_at.strftime("%H:%M")


def day_cells(room: Room, day: date, now: datetime) -> list[Cell]:
    """Half-hour cells of `room` on `day` in the mall's zone; empty when the room is closed."""
    intervals = room.open_intervals(day)
    if not intervals:
        return []
    zone = mall_zone(room.mall)
    start = datetime.combine(day, time(intervals[0][0] // 60, intervals[0][0] % 60), tzinfo=zone)
    last = max(hi for _lo, hi in intervals)
    close = datetime.combine(day, time(last // 60, last % 60), tzinfo=zone)
    held = list(
        RoomBooking.objects.filter(room=room, starts_at__lt=close, ends_at__gt=start)
        .exclude(status__in=FREE_STATUSES)
        .values_list("starts_at", "ends_at", "status")
    )
    cells = []
    for lo, hi in intervals:
        at = datetime.combine(day, time(lo // 60, lo % 60), tzinfo=zone)
        until = datetime.combine(day, time(hi // 60, hi % 60), tzinfo=zone)
        while at + STEP <= until:
            end = at + STEP
            state = "free"
            for s, e, status in held:
                if s < end and e > at:
                    state = "blocked" if status == RoomBookingStatus.BLOCKED else "taken"
                    break
            if state == "free" and at <= now:
                state = "past"
            cells.append(Cell(at, end, state))
            at = end
    return cells


def duration_choices(room: Room) -> list[int]:
    step = 30
    first = max(step, ((room.min_minutes + step - 1) // step) * step)
    return list(range(first, room.max_minutes + 1, step))


def room_occupancy_by_week(mall: Mall, start: date, weeks: int = 4) -> list[dict[str, Any]]:
    """Per ISO week from the Monday of `start`: open hours of all rooms, hours booked and
    checked in (used), bookings, no-shows and the share of open time that was used."""
    zone = mall_zone(mall)
    monday = start - timedelta(days=start.weekday())
    rooms = list(Room.objects.filter(mall=mall, is_active=True))
    rows = []
    for w in range(weeks):
        week_start = monday + timedelta(weeks=w)
        lo = datetime.combine(week_start, time(0), tzinfo=zone)
        hi = lo + timedelta(days=7)
        open_minutes = 0
        for room in rooms:
            per_day = (
                datetime.combine(week_start, room.closes_at)
                - datetime.combine(week_start, room.opens_at)
            ).seconds // 60
            days = sum(
                1 for d in range(7) if room.is_open_on((week_start + timedelta(days=d)).weekday())
            )
            open_minutes += per_day * days
        bookings = RoomBooking.objects.filter(
            mall=mall, starts_at__gte=lo, starts_at__lt=hi, user__isnull=False
        )
        used = sum(
            int((b.ends_at - b.starts_at).total_seconds() // 60)
            for b in bookings.filter(status=RoomBookingStatus.CHECKED_IN).only(
                "starts_at", "ends_at"
            )
        )
        counts = bookings.aggregate(
            total=Count("pk"),
            no_shows=Count("pk", filter=Q(status=RoomBookingStatus.RELEASED)),
            cancelled=Count("pk", filter=Q(status=RoomBookingStatus.CANCELLED)),
        )
        rows.append(
            {
                "week_start": week_start,
                "open_hours": round(open_minutes / 60, 1),
                "used_hours": round(used / 60, 1),
                "occupancy_percent": round(100 * used / open_minutes, 1) if open_minutes else 0.0,
                "bookings": counts["total"],
                "no_shows": counts["no_shows"],
                "cancelled": counts["cancelled"],
            }
        )
    return rows


def msme_participation(mall: Mall, year: int) -> int:
    """How many distinct MSMEs held a booth at some time in `year`."""
    return (
        BoothPeriod.objects.filter(
            mall=mall, starts_on__lte=date(year, 12, 31), ends_on__gte=date(year, 1, 1)
        )
        .values("msme_id")
        .distinct()
        .count()
    )


def usage_figures(mall: Mall, *, today: date, weeks: int = 4) -> dict[str, Any]:
    """What the transparency dashboard shows about the facilities."""
    start = today - timedelta(weeks=weeks - 1)
    weekly = room_occupancy_by_week(mall, start, weeks)
    return {
        "weeks": weekly,
        "bookings": sum(w["bookings"] for w in weekly),
        "no_shows": sum(w["no_shows"] for w in weekly),
        "msmes_with_booth_this_year": msme_participation(mall, today.year),
    }
