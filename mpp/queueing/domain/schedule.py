"""Slots derived from counter schedules.

A service's day is cut into blocks of `slot_minutes`. A block gets
`slot_capacity × (counters serving the service that are open for the whole block)` seats;
blocks that overlap a counter's break lose that counter. Of each block's seats,
`booking_share_percent` are kept for online bookings until `booking_release_minutes` before
the block starts; after that, unbooked seats go to walk-ins too.

Slot rows are created the first time a day is looked at (idempotent, `ignore_conflicts`), so
changing a schedule affects the days nobody has looked at yet; staff can edit a slot's seats
in the admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from mpp.catalog.models import Service
from mpp.core.opening import day_periods, open_days
from mpp.queueing.domain.common import local_datetime
from mpp.queueing.models import Counter, QueueService, Slot


@dataclass(frozen=True)
class PlannedSlot:
    starts_at: datetime
    ends_at: datetime
    capacity: int
    booking_reserved: int


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def counter_intervals(counter: Counter, weekday: int) -> list[tuple[int, int]]:
    """Open intervals of a counter on a weekday, in minutes after midnight, breaks removed."""
    hours = counter.opening_hours or counter.agency.opening_hours or counter.mall.opening_hours
    intervals = [
        (_minutes(p["opens"]), _minutes(p["closes"])) for p in hours if weekday in p["days"]
    ]
    for brk in counter.breaks or []:
        if weekday not in brk.get("days", range(7)):
            continue
        b_start, b_end = _minutes(brk["start"]), _minutes(brk["end"])
        cut: list[tuple[int, int]] = []
        for start, end in intervals:
            if b_end <= start or b_start >= end:
                cut.append((start, end))
                continue
            if start < b_start:
                cut.append((start, b_start))
            if b_end < end:
                cut.append((b_end, end))
        intervals = cut
    return intervals


def _clip(intervals: list[tuple[int, int]], limits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    clipped = []
    for start, end in intervals:
        for lo, hi in limits:
            s, e = max(start, lo), min(end, hi)
            if s < e:
                clipped.append((s, e))
    return clipped


def plan_slots(service: Service, queue: QueueService, day: date) -> list[PlannedSlot]:
    if not queue.slot_capacity:
        return []
    mall_periods = day_periods(service.mall, day)
    if mall_periods == []:
        return []  # closed: weekend, holiday, cuti bersama or a closure day
    counters = list(
        Counter.objects.filter(services=service, is_active=True).select_related("agency", "mall")
    )
    if not counters:
        return []
    weekday = day.weekday()
    per_counter = [counter_intervals(c, weekday) for c in counters]
    if mall_periods is not None:
        # Counter (and agency) hours live inside the building's hours.
        per_counter = [_clip(intervals, mall_periods) for intervals in per_counter]
    starts = [s for intervals in per_counter for s, _e in intervals]
    ends = [e for intervals in per_counter for _s, e in intervals]
    if not starts:
        return []
    step = queue.slot_minutes
    plan = []
    block = min(starts)
    mall = service.mall
    while block + step <= max(ends):
        open_counters = sum(
            1
            for intervals in per_counter
            if any(s <= block and block + step <= e for s, e in intervals)
        )
        if open_counters:
            capacity = open_counters * queue.slot_capacity
            reserved = capacity * queue.booking_share_percent // 100 if queue.booking_enabled else 0
            starts_at = local_datetime(mall, day, time(block // 60, block % 60))
            plan.append(
                PlannedSlot(starts_at, starts_at + timedelta(minutes=step), capacity, reserved)
            )
        block += step
    return plan


def ensure_slots(service: Service, queue: QueueService, day: date) -> None:
    """Create the day's slot rows if they do not exist yet (safe to call concurrently)."""
    if Slot.objects.filter(service=service, day=day).exists():
        return
    plan = plan_slots(service, queue, day)
    Slot.objects.bulk_create(
        [
            Slot(
                mall_id=service.mall_id,
                service=service,
                day=day,
                starts_at=p.starts_at,
                ends_at=p.ends_at,
                capacity=p.capacity,
                booking_reserved=p.booking_reserved,
            )
            for p in plan
        ],
        ignore_conflicts=True,
    )


def bookable_days(
    service: Service, queue: QueueService, today: date, *, limit: int = 10
) -> list[date]:
    """The next days (from today, within the booking horizon) on which a counter serving the
    service is open."""
    counters = list(
        Counter.objects.filter(services=service, is_active=True).select_related("agency", "mall")
    )
    open_weekdays = {w for w in range(7) if any(counter_intervals(c, w) for c in counters)}
    mall_days = open_days(service.mall, today, today + timedelta(days=queue.booking_horizon_days))
    days = []
    for offset in range(queue.booking_horizon_days + 1):
        day = today + timedelta(days=offset)
        if day.weekday() in open_weekdays and day in mall_days:
            days.append(day)
        if len(days) >= limit:
            break
    return days
