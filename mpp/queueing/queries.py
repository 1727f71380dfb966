"""Reads of the queue: wait estimates, board state, ticket state, slots, counters."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Count, F, Max, Q, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest
from django.utils import timezone

from mpp.catalog.models import Service
from mpp.core.caching import TTLCache
from mpp.core.models import Mall
from mpp.core.opening import closed_message, walk_ins_open
from mpp.core.tenancy import current_mall
from mpp.queueing import voice
from mpp.queueing.domain import calls
from mpp.queueing.domain.common import local_day, mall_zone, now_or
from mpp.queueing.domain.schedule import plan_slots
from mpp.queueing.enums import (
    AT_COUNTER,
    CALL_EVENTS,
    CounterState,
    TicketEventKind,
    TicketStatus,
)
from mpp.queueing.models import Counter, QueueService, Slot, Ticket, TicketEvent, WaitingTally

# How many recent visits feed the handling-time estimate, how far back, how strongly the
# configured default still counts (as if it were this many extra observations), how long the
# result is kept.
RECENT_VISITS = 30
RECENT_DAYS = 14
PRIOR_WEIGHT = 5
HANDLING_CACHE_SECONDS = 60


_handling_cache = TTLCache(HANDLING_CACHE_SECONDS)
# Which counters serve a service, and who is signed in: a sign-in shows in estimates within
# a few seconds.
POOL_CACHE_SECONDS = 5.0
_pool_cache = TTLCache(POOL_CACHE_SECONDS)


# Services change rarely (an administrator edits them); the hot path (issue_ticket) should not
# pay a query and an ORM compile for every ticket. A change shows within SERVICE_CACHE_SECONDS.
SERVICE_CACHE_SECONDS = 10.0
_service_cache = TTLCache(SERVICE_CACHE_SECONDS)
_SERVICE_ONLY = (
    *("id", "slug", "name", "name_en", "is_active", "mall_id", "agency_id"),
    *(
        f"queue__{f}"
        for f in (
            "id", "service_id", "prefix", "walk_in_enabled", "booking_enabled", "slot_minutes",
            "slot_capacity", "booking_share_percent", "booking_release_minutes",
            "checkin_early_minutes", "checkin_late_minutes", "booking_horizon_days",
            "default_handling_minutes",
        )
    ),
    *("agency__id", "agency__slug", "agency__short_name", "agency__name"),
    *("mall__id", "mall__slug", "mall__name", "mall__timezone"),
)  # fmt: skip


def queue_service(mall_id: int, slug: str) -> Service | None:
    """The active service `slug` of a mall with its queue settings, agency and mall loaded
    (only the columns the queue needs), cached in the process for a few seconds.

    All active services of the mall are loaded in one query and cached together: kiosks spread
    their tickets over every service of the mall (169 in the Ngawi demo), so a cache per
    service expired before its next ticket at a few tickets a second and every ticket paid the
    query (issue 11)."""
    return _mall_services(mall_id).get(slug)


def _mall_services(mall_id: int) -> dict[str, Service]:
    hit = _service_cache.get(mall_id)
    if hit is not None:
        return hit
    services = {
        service.slug: service
        for service in Service.objects.select_related("queue", "agency", "mall")
        .only(*_SERVICE_ONLY)
        .filter(mall_id=mall_id, is_active=True)
        .order_by()
    }
    _service_cache.set(mall_id, services)
    return services


# Counter numbers of a mall -> counter ids, for the officer's call-next: the number in the URL
# becomes the row call_next locks without a read of its own. Counters are added or renumbered
# by an administrator; a change shows within COUNTER_CACHE_SECONDS.
COUNTER_CACHE_SECONDS = 10.0
_counter_cache = TTLCache(COUNTER_CACHE_SECONDS)


def counter_ref(mall_id: int, number: int) -> Counter | None:
    """The counter `number` of a mall as an unsaved reference (id, mall and number only), from
    a per-mall map cached in the process; None when the mall has no such counter. The domain
    locks and reads the row itself (call_next), so a stale entry cannot act on the wrong
    counter: the officer check runs on the locked row."""
    numbers = _counter_cache.get(mall_id)
    if numbers is None:
        numbers = dict(
            Counter.objects.filter(mall_id=mall_id).order_by().values_list("number", "id")
        )
        _counter_cache.set(mall_id, numbers)
    pk = numbers.get(number)
    return None if pk is None else Counter(pk=pk, mall_id=mall_id, number=number)


MALL_CACHE_SECONDS = 10.0
_mall_cache = TTLCache(MALL_CACHE_SECONDS)


def request_mall(request: HttpRequest) -> Mall | None:
    """`current_mall(request)`, remembered per host name for a few seconds: the queue's hot API
    paths should not pay a query for it on every ticket."""
    if getattr(request, "_mpp_mall", None) is not None:  # already known (e.g. /m/<slug>/)
        return request._mpp_mall  # type: ignore[attr-defined]
    key = (request.get_host(), getattr(request, "_mpp_mall_slug", None))
    hit = _mall_cache.get(key)
    if hit is not None:
        return hit or None
    mall = current_mall(request)
    _mall_cache.set(key, mall or False)
    return mall


def clear_caches() -> None:
    _handling_cache.clear()
    _pool_cache.clear()
    _service_cache.clear()
    _mall_cache.clear()
    _counter_cache.clear()
    calls._lines.clear()
    calls._malls.clear()


def handling_minutes(service_id: int, default: float, *, now: datetime | None = None) -> float:
    """Typical minutes one visit of a service occupies a counter: the trimmed mean of the last
    RECENT_VISITS measured visits, from the call (the citizen walking up counts: the counter is
    busy) to the finish, shrunk towards the configured default while there are few of them.
    Cached for a minute in the process."""
    return handling_minutes_of({service_id: default}, now=now)[service_id]


def handling_minutes_of(
    defaults: dict[int, float], *, now: datetime | None = None
) -> dict[int, float]:
    """handling_minutes for several services (service id -> configured default): the ones not
    cached are read in one query (the last RECENT_VISITS visits of each, by a window), so a
    wait estimate over a pool of twenty services pays at most one query, not twenty."""
    values: dict[int, float] = {}
    missing: list[int] = []
    for service_id in defaults:
        cached = _handling_cache.get(service_id)
        if cached is None:
            missing.append(service_id)
        else:
            values[service_id] = float(cached)
    if not missing:
        return values
    now = now_or(now)
    rows = (
        Ticket.objects.filter(
            service_id__in=missing,
            status=TicketStatus.DONE,
            called_at__isnull=False,
            finished_at__gte=now - timedelta(days=RECENT_DAYS),
        )
        .annotate(
            recent=Window(
                RowNumber(), partition_by=[F("service_id")], order_by=F("finished_at").desc()
            )
        )
        .filter(recent__lte=RECENT_VISITS)
        .order_by()
        .values_list("service_id", "called_at", "finished_at")
    )
    visits: dict[int, list[float]] = {service_id: [] for service_id in missing}
    for service_id, called, finished in rows:
        if called and finished and finished > called:
            visits[service_id].append((finished - called).total_seconds() / 60)
    for service_id in missing:
        durations = sorted(visits[service_id])
        default = defaults[service_id]
        if durations:
            cut = len(durations) // 10
            kept = durations[cut : len(durations) - cut] or durations
            value = (sum(kept) + PRIOR_WEIGHT * default) / (len(kept) + PRIOR_WEIGHT)
        else:
            value = default
        _handling_cache.set(service_id, value)
        values[service_id] = value
    return values


@dataclass(frozen=True)
class WaitEstimate:
    ahead: int
    minutes: int
    low: int
    high: int
    counters: int
    staffed: int

    def as_dict(self) -> dict[str, int]:
        return {
            "people_ahead": self.ahead,
            "minutes": self.minutes,
            "minutes_low": self.low,
            "minutes_high": self.high,
            "counters_open": self.staffed,
        }


@dataclass(frozen=True)
class _Pool:
    service_defaults: dict[int, float]  # every service the pool's counters serve -> default
    counter_ids: tuple[int, ...]
    staffed_ids: tuple[int, ...]


def _pool(service: Service) -> _Pool:
    """The counters serving `service` and every service those counters also serve: the
    tickets that compete for the same officers. Built for every service of the mall at once
    and cached for POOL_CACHE_SECONDS (a cache per service expired between two tickets of the
    same service when kiosks spread over many services; issue 11)."""
    pool = _mall_pools(service.mall_id).get(service.pk)
    if pool is not None:
        return pool
    # No active counter serves it: the service alone, with its own default.
    queue = getattr(service, "queue", None)
    default = float(queue.default_handling_minutes) if queue else 10.0
    return _Pool(service_defaults={service.pk: default}, counter_ids=(), staffed_ids=())


def _mall_pools(mall_id: int) -> dict[int, _Pool]:
    cached = _pool_cache.get(mall_id)
    if cached is not None:
        return cached
    counters = {
        c.pk: c
        for c in Counter.objects.filter(mall_id=mall_id, is_active=True)
        .only("id", "officer_id", "state")
        .order_by()
    }
    serves: dict[int, list[int]] = {}  # counter -> services
    served_by: dict[int, list[int]] = {}  # service -> counters
    for counter_id, service_id in (
        Counter.services.through.objects.filter(counter_id__in=list(counters))
        .order_by()
        .values_list("counter_id", "service_id")
    ):
        serves.setdefault(counter_id, []).append(service_id)
        served_by.setdefault(service_id, []).append(counter_id)
    defaults = {
        service_id: float(minutes)
        for service_id, minutes in QueueService.objects.filter(
            service_id__in=list(served_by)
        ).values_list("service_id", "default_handling_minutes")
    }
    pools: dict[int, _Pool] = {}
    for service_id, counter_ids in served_by.items():
        pool_defaults = {
            other: defaults.get(other, 10.0)
            for counter_id in counter_ids
            for other in serves[counter_id]
        }
        pools[service_id] = _Pool(
            service_defaults=pool_defaults,
            counter_ids=tuple(counter_ids),
            staffed_ids=tuple(
                c
                for c in counter_ids
                if counters[c].officer_id is not None and counters[c].state == CounterState.OPEN
            ),
        )
    _pool_cache.set(mall_id, pools)
    return pools


# The per-service parts of the wait estimate's counts. PostgreSQL reads each service of the
# pool by its whole key, one service at a time: given the pool as a list, it filters the mall's
# whole day by it (in the tally every service's row, in the line every service's waiting
# tickets) whenever its statistics, like every morning's, expect that day to be nearly empty.
# The LIMIT keeps the tally lookup from becoming a join; the line is counted per service by a
# correlated count. SQLite, without arrays, takes the list.


def _tally_part(key: list[Any], services: list[int], column: str = "waiting") -> tuple[str, list]:
    """Part 1: each service's waiting tickets (`column` of WaitingTally) on the day `key`
    (mall id, day)."""
    table = WaitingTally._meta.db_table
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT 1 AS part, t.service_id, t.n FROM unnest(%s::bigint[]) AS s(sid) "  # noqa: S608
            f"CROSS JOIN LATERAL (SELECT service_id, {column} AS n FROM {table} "
            f"WHERE mall_id = %s AND day = %s AND service_id = s.sid LIMIT 1) AS t"
        )
        return sql, [services, *key]
    marks = ", ".join(["%s"] * len(services))
    sql = (
        f"SELECT 1 AS part, service_id, {column} AS n FROM {table} "  # noqa: S608
        f"WHERE mall_id = %s AND day = %s AND service_id IN ({marks})"
    )
    return sql, [*key, *services]


def _side_part(key: list[Any], services: list[int], ticket: Ticket) -> tuple[str, list]:
    """Part 2: per service, the waiting tickets on the short side of `ticket` in call_next's
    order: for a normal ticket the normal ones behind it (and itself), for a priority ticket
    the priority ones ahead of it."""
    at = connection.ops.adapt_datetimefield_value(ticket.queued_at)
    compare = "<" if ticket.is_priority else ">"
    side = (
        f"mall_id = %s AND day = %s AND status = 'waiting' AND is_priority = %s "
        f"AND queued_at {compare}= %s AND (queued_at {compare} %s OR id {compare} %s)"
    )
    side_params = [*key, bool(ticket.is_priority), at, at, ticket.pk]
    table = Ticket._meta.db_table
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT 2, s.sid, (SELECT COUNT(*) FROM {table} "  # noqa: S608
            f"WHERE service_id = s.sid AND {side}) FROM unnest(%s::bigint[]) AS s(sid)"
        )
        return sql, [*side_params, services]
    marks = ", ".join(["%s"] * len(services))
    sql = (
        f"SELECT 2, service_id, COUNT(*) FROM {table} "  # noqa: S608
        f"WHERE service_id IN ({marks}) AND {side} GROUP BY service_id"
    )
    return sql, [*services, *side_params]


def _queue_counts(
    *, mall_id: int, day: date, pool: _Pool, ticket: Ticket | None
) -> list[tuple[int, int, int]]:
    """Per service of the pool: tickets ahead of `ticket` (all waiting ones when None) in
    call_next's order, and tickets at a staffed counter.

    None of it counts the waiting line (issue 15: the work per ticket must not grow with the
    queue): the waiting totals come from WaitingTally (kept by triggers), the tickets at
    counters are at most one per counter, and a ticket's place is found from the short side of
    the ticket_queue_idx index: for a normal ticket the normal tickets *behind* it (a new one
    has none), for a priority ticket the priority tickets *ahead* of it (few). Written in SQL
    because the ORM spent more time compiling these than the database spent running them."""
    ops = connection.ops
    services = list(pool.service_defaults)
    marks = ", ".join(["%s"] * len(services))
    key = [mall_id, ops.adapt_datefield_value(day)]
    ticket_table = Ticket._meta.db_table
    counts: dict[int, list[int]] = {sid: [0, 0] for sid in services}
    # The (up to) three counts travel in one statement (UNION ALL): one round trip per
    # estimate instead of three. Each part is tagged: 1 waiting (tally), 2 the ticket's side
    # of the line, 3 at a staffed counter.
    parts: list[str] = []
    params: list[Any] = []
    if ticket is None or not ticket.is_priority:
        sql, more = _tally_part(key, services)
        parts.append(sql)
        params += more
    if ticket is not None:
        sql, more = _side_part(key, services, ticket)
        parts.append(sql)
        params += more
    if pool.staffed_ids:
        # By counter, not by day: the partial unique index of the current ticket per counter
        # (ticket_one_current_per_counter) holds one row per busy counter. Filtered by mall and
        # day instead, PostgreSQL walked all of the day's tickets in ticket_queue_idx when its
        # statistics still showed the morning's empty day (25 ms at 18,000 tickets; issue 11).
        # A counter still holding a ticket of an earlier day is busy with it all the same.
        staffed = ", ".join(["%s"] * len(pool.staffed_ids))
        parts.append(
            f"SELECT 3, service_id, COUNT(*) FROM {ticket_table} "  # noqa: S608
            f"WHERE counter_id IN ({staffed}) AND status IN ('called', 'serving') "
            f"AND service_id IN ({marks}) GROUP BY service_id"
        )
        params += [*pool.staffed_ids, *services]
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            rows = cursor.fetchall()
        for part, sid, n in sorted(rows, key=lambda row: int(row[0])):
            row = counts[int(sid)]
            if part == 1:
                row[0] = int(n)
            elif part == 2:
                row[0] = int(n) if ticket is not None and ticket.is_priority else row[0] - int(n)
            else:
                row[1] = int(n)
    if ticket is not None and not ticket.is_priority and ticket.status == TicketStatus.WAITING:
        own = counts.get(ticket.service_id)
        if own is not None:
            own[0] -= 1
    return [(sid, max(0, a), b) for sid, (a, b) in counts.items() if a or b]


def new_ticket_counts(
    service: Service, *, priority: bool
) -> Callable[[date], tuple[str, list[Any]]]:
    """PostgreSQL: the counts of `_queue_counts` for a ticket about to be issued, as a read to
    run in the issuing statement (`issue_ticket(also=…)`: one round trip less per ticket).
    That statement sees the line as it was just before the ticket, so everyone waiting in
    the pool is ahead of it (for a priority ticket: every priority ticket waiting), straight
    from WaitingTally. Gives `[[part, service id, count], …]` (parts 1: ahead, 3: at a
    staffed counter) for `estimate_wait(counts=…)`."""
    pool = _pool(service)
    services = list(pool.service_defaults)

    def read(day: date) -> tuple[str, list[Any]]:
        column = "priority_waiting" if priority else "waiting"
        key = [service.mall_id, connection.ops.adapt_datefield_value(day)]
        tally, params = _tally_part(key, services, column)
        sql = (
            "(SELECT COALESCE(array_agg(ARRAY[x.part, x.service_id, x.n]), '{}') FROM ("  # noqa: S608
            + tally
        )
        if pool.staffed_ids:
            sql += (
                f" UNION ALL SELECT 3, service_id, COUNT(*) FROM {Ticket._meta.db_table} "  # noqa: S608
                f"WHERE counter_id = ANY(%s::bigint[]) AND status IN ('called', 'serving') "
                f"AND service_id = ANY(%s::bigint[]) GROUP BY service_id"
            )
            params += [list(pool.staffed_ids), services]
        return sql + ") AS x)", params

    return read


def _counts_read_with_ticket(
    counts: list[list[int]] | None, pool: _Pool
) -> list[tuple[int, int, int]]:
    rows: dict[int, list[int]] = {}
    for part, sid, n in counts or []:
        if int(sid) in pool.service_defaults:
            rows.setdefault(int(sid), [0, 0])[0 if part == 1 else 1] = int(n)
    return [(sid, max(0, a), b) for sid, (a, b) in rows.items() if a or b]


def estimate_wait(
    service: Service,
    *,
    ticket: Ticket | None = None,
    now: datetime | None = None,
    counts: list[list[int]] | None = None,
) -> WaitEstimate:
    """Minutes until `ticket` (or a ticket issued now) is called.

    With k people ahead, i idle and n staffed counters: 0 when k < i, else
    (k − i + ½) × (their average handling time) / n — the busy counters free up half a visit
    from now on average, then each serves one of the people ahead in turn.
    "Ahead" follows call_next's order (priority first, then place in line) over the
    tickets that compete for the same counters. Shown as a range of ±30 %. A few bounded
    queries (plus cached handling times); see _queue_counts. `counts`: read already with
    the ticket as it was issued (`new_ticket_counts`).
    """
    now = now_or(now)
    day = ticket.day if ticket else local_day(service.mall, now)
    pool = _pool(service)
    staffed = len(pool.staffed_ids)
    ahead = busy = 0
    work = 0.0
    rows = (
        _queue_counts(mall_id=service.mall_id, day=day, pool=pool, ticket=ticket)
        if counts is None
        else _counts_read_with_ticket(counts, pool)
    )
    # The whole pool at once: one refresh a minute per pool rather than one per service.
    handling = handling_minutes_of(pool.service_defaults, now=now)
    for service_id, row_ahead, row_busy in rows:
        ahead += row_ahead
        busy += row_busy
        if row_ahead:
            work += row_ahead * handling[service_id]
    own = handling[service.pk]
    average = work / ahead if ahead else own
    idle = max(0, staffed - busy)
    if not staffed:  # nobody signed in yet: assume every counter will be staffed
        minutes = (ahead + 0.5) * average / max(1, len(pool.counter_ids))
    elif ahead < idle:  # an idle counter will call this ticket next
        minutes = 0.0
    else:  # wait for the busy counters to clear the people ahead (half a visit each on average)
        minutes = (ahead - idle + 0.5) * average / staffed
    return WaitEstimate(
        ahead=ahead,
        minutes=round(minutes),
        low=max(0, math.floor(minutes * 0.7)),
        high=math.ceil(minutes * 1.3),
        counters=len(pool.counter_ids),
        staffed=staffed,
    )


def call_payload(event: TicketEvent) -> dict[str, Any]:
    ticket = event.ticket
    counter = event.counter
    number = counter.number if counter else 0
    booth = (counter.booth or counter.agency.booth) if counter else None
    return {
        "id": event.pk,
        "number": ticket.display_number,
        "counter": number,
        "agency": counter.agency.short_name if counter else "",
        # Where to walk: the booth (gerai) and its floor, shown large on the board.
        "booth": booth.code if booth else "",
        "floor": booth.floor if booth else None,
        "at": event.at.isoformat(),
        "recall": event.kind != CALL_EVENTS[0],
        "segments": voice.call_segments(ticket.prefix, ticket.number, number),
        "text": voice.call_text(ticket.prefix, ticket.number, number),
    }


def display_state(
    mall: Mall, *, floor: int | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """Everything a display board shows: current tickets per counter, the last calls (with
    what to say), waiting counts per service. `version` is the newest event id: clients compare
    it to the nudges they receive."""
    now = now_or(now)
    day = local_day(mall, now)
    counters = list(
        Counter.objects.filter(mall=mall, is_active=True)
        .select_related("agency", "booth", "agency__booth", "officer")
        .order_by("number")
    )
    if floor is not None:
        counters = [c for c in counters if c.floor == floor]
    counter_ids = [c.pk for c in counters]
    current = {
        t.counter_id: t
        for t in Ticket.objects.filter(counter_id__in=counter_ids, status__in=AT_COUNTER)
    }
    events = list(
        TicketEvent.objects.filter(
            mall=mall, day=day, kind__in=CALL_EVENTS, counter_id__in=counter_ids
        )
        .select_related("ticket", "counter__agency__booth", "counter__booth")
        .order_by("-pk")[:10]
    )
    waiting_rows = (
        Ticket.objects.filter(mall=mall, day=day, status=TicketStatus.WAITING)
        .values("service__agency__short_name", "prefix")
        .annotate(n=Count("pk"))
        .order_by("prefix", "service__agency__short_name")
    )
    version = TicketEvent.objects.filter(mall=mall, day=day).aggregate(v=Max("pk"))["v"] or 0
    return {
        "mall": mall.slug,
        "mall_name": mall.name,
        "floor": floor,
        "version": version,
        "now": timezone.localtime(now, mall_zone(mall)).isoformat(),
        "counters": [
            {
                "number": c.number,
                "agency": c.agency.short_name,
                "state": c.state,
                "staffed": c.officer_id is not None,
                "ticket": current[c.pk].display_number if c.pk in current else None,
                "status": current[c.pk].status if c.pk in current else None,
            }
            for c in counters
        ],
        "calls": [call_payload(e) for e in events],
        "waiting": [
            {"agency": r["service__agency__short_name"], "prefix": r["prefix"], "count": r["n"]}
            for r in waiting_rows
        ],
        "voice": voice.voice_available(),
        # The mall's closed state in plain Indonesian (with the next opening), or "" when open.
        "closed": closed_message(mall, now) if not walk_ins_open(mall, now) else "",
    }


def live_scope(service: Service) -> dict[str, list[int]]:
    """Which of the mall's board nudges change what a ticket of `service` shows (static/mpp/
    js/live.js, `concerns`): those of the services competing for its counters (people ahead,
    the estimate) and those of its counters (who is served now, which counters are open)."""
    pool = _pool(service)
    return {"services": sorted(pool.service_defaults), "counters": sorted(pool.counter_ids)}


def ticket_state(ticket: Ticket, *, now: datetime | None = None) -> dict[str, Any]:
    """What the ticket page and the phone page show. No personal data."""
    now = now_or(now)
    service = ticket.service
    counters = list(
        Counter.objects.filter(services=service, is_active=True)
        .select_related("booth", "agency__booth")
        .order_by("number")
    )
    booths = sorted({b.code for c in counters if (b := c.booth or c.agency.booth) is not None})
    state: dict[str, Any] = {
        "code": ticket.code,
        "number": ticket.display_number,
        "status": ticket.status,
        "status_display": str(ticket.get_status_display()),
        "service": service.name,
        "service_en": service.name_en,
        "agency": service.agency.short_name,
        "counters": [c.number for c in counters],
        "booths": booths,
        "floor": counters[0].floor if counters else None,
        "priority": ticket.priority,
        "issued_at": ticket.issued_at.isoformat(),
        "called_to": ticket.counter.number
        if ticket.counter is not None and ticket.status in AT_COUNTER
        else None,
        "serving_now": [],
        "wait": None,
        "version": ticket.events.aggregate(v=Max("pk"))["v"] or 0,
        "scope": live_scope(service),
    }
    if ticket.status == TicketStatus.WAITING:
        state["wait"] = estimate_wait(service, ticket=ticket, now=now).as_dict()
    state["serving_now"] = [
        {"number": t.display_number, "counter": t.counter.number if t.counter else None}
        for t in Ticket.objects.filter(counter__in=counters, status__in=AT_COUNTER).select_related(
            "counter"
        )
    ]
    return state


def available_slots(service: Service, day: date, *, now: datetime | None = None) -> list[Slot]:
    """The day's slots of a bookable service (free seats shown as `free`)."""
    now = now_or(now)
    try:
        queue = service.queue
    except QueueService.DoesNotExist:
        return []
    if not queue.booking_enabled or not queue.slot_capacity:
        return []
    today = local_day(service.mall, now)
    if not today <= day <= today + timedelta(days=queue.booking_horizon_days):
        return []
    stored = Slot.objects.filter(service=service, day=day)
    if stored.exists():
        return list(stored.filter(starts_at__gt=now).order_by("starts_at"))
    # Not planned yet: show the plan without storing it. A read never writes (issue 10.5);
    # the rows are made by the first booking or walk-in of that day.
    return [
        Slot(
            mall_id=service.mall_id,
            service=service,
            day=day,
            starts_at=p.starts_at,
            ends_at=p.ends_at,
            capacity=p.capacity,
            booking_reserved=p.booking_reserved,
        )
        for p in plan_slots(service, queue, day)
        if p.starts_at > now
    ]


# How many bookable days the booking page looks through for its first free time (each is
# one read of the day's slots).
DAYS_LOOKED_AHEAD = 3


def first_day_with_room(service: Service, days: list[date], *, now: datetime | None = None) -> date:
    """The day the booking page opens on: the first of the next bookable `days` with a free
    time, so that late in the evening (today's times gone) or on a full day the citizen sees
    times, not "no times left"; the first bookable day (or today) when none of them has one."""
    for day in days[:DAYS_LOOKED_AHEAD]:
        if any(slot.free for slot in available_slots(service, day, now=now)):
            return day
    return days[0] if days else local_day(service.mall, now_or(now))


def console_lists(
    counter: Counter, *, now: datetime | None = None, limit: int = 30
) -> ConsoleLists:
    """What the officer console shows beside the citizen at the counter: the first `limit`
    tickets this counter may call, in the order call_next takes them (priority shown first;
    the fairness streak can put a normal ticket ahead at the moment of the call), and today's
    counts. Two statements, whatever the size of the day: the waiting list carries the number
    of all waiting tickets as a window over the same rows, and the counter's finished and
    skipped tickets are counted from its events in one aggregate. Every open console reads
    this again when a ticket of its services changes (the live refresh), so it is kept small."""
    now = now_or(now)
    day = local_day(counter.mall, now)
    service_ids = [s.pk for s in counter.services.all()]  # prefetched by the console's view
    waiting = list(
        Ticket.objects.filter(
            mall_id=counter.mall_id,
            day=day,
            status=TicketStatus.WAITING,
            service_id__in=service_ids,
        )
        .filter(Q(target_counter__isnull=True) | Q(target_counter=counter))
        .select_related("service")
        .annotate(waiting_total=Window(Count("pk")))
        .order_by("-is_priority", "queued_at", "pk")[:limit]
    )
    done = TicketEvent.objects.filter(
        mall_id=counter.mall_id,
        day=day,
        counter=counter,
        kind__in=(TicketEventKind.FINISHED, TicketEventKind.SKIPPED),
    ).aggregate(
        served=Count("ticket_id", distinct=True, filter=Q(kind=TicketEventKind.FINISHED)),
        skipped=Count("ticket_id", distinct=True, filter=Q(kind=TicketEventKind.SKIPPED)),
    )
    counts = {
        "served": done["served"],
        "skipped": done["skipped"],
        "waiting": waiting[0].waiting_total if waiting else 0,
    }
    return ConsoleLists(waiting=waiting, counts=counts)


@dataclass(frozen=True)
class ConsoleLists:
    waiting: Sequence[Ticket]
    counts: dict[str, int]


# next_in_line reads at every call: the ticket, its contact, and of its service only what the
# message names (the service's many catalogue columns cost more to compile than to fetch).
_NEXT_IN_LINE_ONLY = (
    *(f.name for f in Ticket._meta.concrete_fields),
    *(f"contact__{f}" for f in ("id", "ticket", "phone", "channel", "language", "created_at")),
    *("service__id", "service__name", "service__name_en", "service__mall", "service__agency"),
    *(f"service__queue__{f}" for f in ("id", "service", "prefix", "notify_ahead")),
)


def next_in_line(counter: Counter, *, limit: int, now: datetime | None = None) -> list[Ticket]:
    """The first `limit` tickets `counter` may call, in call_next's order (priority first,
    then place in line), with their contact and queue settings: one bounded, indexed query
    (the "giliran Anda sebentar lagi" check at every call reads it)."""
    now = now_or(now)
    day = local_day(counter.mall, now)
    return list(
        Ticket.objects.filter(
            mall_id=counter.mall_id,
            day=day,
            status=TicketStatus.WAITING,
            # The counter's services from the call path's cache: the same list call_next
            # used, and no subquery.
            service_id__in=calls.counter_line(counter.pk).service_ids,
        )
        .filter(Q(target_counter__isnull=True) | Q(target_counter=counter))
        .select_related("contact", "service__queue")
        .only(*_NEXT_IN_LINE_ONLY)
        .order_by("-is_priority", "queued_at", "pk")[:limit]
    )
