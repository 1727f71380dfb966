"""The only writer of the transparency rollups.

`refresh_daily_stats(mall=…, day=…)` recomputes one mall's local day from the raw tickets and
applications and replaces that day's rows in one transaction, so running it twice (or after a
late correction) gives the same rows: it is idempotent by construction.
"""

from __future__ import annotations

import math
import time as clock
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import transaction

from mpp.applications.models import Application
from mpp.core.clock import mall_zone
from mpp.core.models import Mall
from mpp.queueing.models import Ticket
from mpp.transparency.models import (
    HISTOGRAM_MAX_MINUTES,
    ROLLUPS_GENERATION_KEY,
    DailyAgencyStats,
)


def minute_bucket(seconds: float) -> int:
    """The histogram bucket of a duration: whole minutes, rounded up, capped."""
    return min(HISTOGRAM_MAX_MINUTES, max(0, math.ceil(seconds / 60)))


@dataclass
class _Acc:
    visitors: int = 0
    by_hour: list[int] = field(default_factory=lambda: [0] * 24)
    wait_count: int = 0
    wait_seconds: int = 0
    wait_hist: dict[str, int] = field(default_factory=dict)
    service_count: int = 0
    service_seconds: int = 0
    service_hist: dict[str, int] = field(default_factory=dict)
    submitted: int = 0
    finished: int = 0
    in_time: int = 0

    def add_duration(self, kind: str, seconds: float) -> None:
        seconds = max(0.0, seconds)
        hist = self.wait_hist if kind == "wait" else self.service_hist
        key = str(minute_bucket(seconds))
        hist[key] = hist.get(key, 0) + 1
        if kind == "wait":
            self.wait_count += 1
            self.wait_seconds += round(seconds)
        else:
            self.service_count += 1
            self.service_seconds += round(seconds)


def _day_bounds(mall: Mall, day: date) -> tuple[datetime, datetime, ZoneInfo]:
    zone = mall_zone(mall)
    low = datetime.combine(day, time.min, tzinfo=zone)
    return low, low + timedelta(days=1), zone


@transaction.atomic
def refresh_daily_stats(*, mall: Mall, day: date) -> int:
    """Recompute the rollup rows of one mall and one local day; returns the rows written.

    Rules: visitors are the tickets of that service day (by the agency of the ticket's
    service), counted in the local hour they were issued; waiting time is called − issued,
    service time is finished − started (only tickets that have both moments). Applications
    count as submitted on the local day they were first submitted, and as finished on the
    day they were decided (approved or rejected); a finished application is in time when it
    has no deadline or was decided on or before its due date. Existing rows of that mall and
    day are replaced; agencies without any activity get no row. After the commit the
    rollups' generation in the shared cache changes (`ROLLUPS_GENERATION_KEY`), which retires
    every cached national comparison.
    """
    low, high, zone = _day_bounds(mall, day)
    acc: dict[int, _Acc] = defaultdict(_Acc)

    tickets = Ticket.objects.filter(mall=mall, day=day).values_list(
        "service__agency_id", "issued_at", "called_at", "started_at", "finished_at"
    )
    for agency_id, issued, called, started, finished in tickets.iterator(chunk_size=5000):
        row = acc[agency_id]
        row.visitors += 1
        row.by_hour[issued.astimezone(zone).hour] += 1
        if called is not None:
            row.add_duration("wait", (called - issued).total_seconds())
        if started is not None and finished is not None:
            row.add_duration("service", (finished - started).total_seconds())

    submitted = Application.objects.filter(
        mall=mall, first_submitted_at__gte=low, first_submitted_at__lt=high
    ).values_list("agency_id", flat=True)
    for agency_id in submitted.iterator(chunk_size=5000):
        acc[agency_id].submitted += 1

    decided = Application.objects.filter(
        mall=mall, decided_at__gte=low, decided_at__lt=high
    ).values_list("agency_id", "due_date")
    for agency_id, due in decided.iterator(chunk_size=5000):
        row = acc[agency_id]
        row.finished += 1
        if due is None or day <= due:
            row.in_time += 1

    DailyAgencyStats.objects.filter(mall=mall, day=day).delete()
    DailyAgencyStats.objects.bulk_create(
        DailyAgencyStats(
            mall=mall,
            agency_id=agency_id,
            day=day,
            visitors=row.visitors,
            tickets_by_hour=row.by_hour,
            wait_count=row.wait_count,
            wait_seconds=row.wait_seconds,
            wait_histogram=row.wait_hist,
            service_count=row.service_count,
            service_seconds=row.service_seconds,
            service_histogram=row.service_hist,
            applications_submitted=row.submitted,
            applications_finished=row.finished,
            applications_in_time=row.in_time,
        )
        for agency_id, row in sorted(acc.items())
    )
    transaction.on_commit(_new_rollups_generation)
    return len(acc)


def _new_rollups_generation() -> None:
    """Readers that cache figures across malls key them by this value (never repeated, so
    a cache that lost the key cannot bring back an older generation's entries)."""
    cache.set(ROLLUPS_GENERATION_KEY, clock.time_ns(), None)
