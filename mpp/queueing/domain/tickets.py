"""Tickets: issue, call, recall, skip, start, finish, transfer, requeue, note.

Concurrency (docs/reliability.md §5, ADR 0004):
- Numbers: one `DailySequence` row per (mall, prefix, local day), incremented with a single
  `UPDATE … SET last_number = last_number + 1 … RETURNING` in the ticket's own transaction.
  The row lock serialises issuers of one prefix only; the unique (mall, prefix, day, number)
  constraint refuses a duplicate even if code bypassed the sequence.
- Calls: the counter row is locked first (`SELECT … FOR UPDATE`), then the next waiting ticket
  is claimed with `FOR UPDATE SKIP LOCKED` and a conditional `UPDATE … WHERE status='waiting'`
  that must touch exactly one row. Two counters can never claim the same ticket, and a
  partial unique index allows one current ticket per counter. On SQLite the IMMEDIATE write
  transaction serialises writers; the same conditional update keeps the logic identical.
- Every officer action is idempotent: pressing twice returns the current state.

Priority (documented in docs/adr/0004): a counter calls priority tickets first, but after
`MPP_QUEUE_PRIORITY_STREAK` (default 2) priority calls in a row it calls the longest-waiting
normal ticket if there is one. So at least one call in every three serves the normal line:
priority never starves it, and a priority citizen waits at most a few calls.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Field, Q
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from mpp.accounts.models import User
from mpp.catalog.models import Service
from mpp.core.db import prepared_cursor
from mpp.core.domain_events import TicketCalled, TicketFinished, TicketIssued, emit
from mpp.core.models import Mall
from mpp.core.opening import closed_message, demo_switch_on, is_open, walk_ins_open
from mpp.queueing.domain import calls
from mpp.queueing.domain.common import (
    local_day,
    new_code,
    normalise_code,
    now_or,
    nudge_board,
    nudge_ticket,
    setting,
)
from mpp.queueing.domain.errors import (
    ConflictError,
    ForbiddenError,
    FullError,
    NotFoundError,
    QueueError,
)
from mpp.queueing.domain.no_shows import release_no_shows
from mpp.queueing.domain.schedule import ensure_slots
from mpp.queueing.enums import (
    TICKET_TRANSITIONS,
    CounterState,
    PriorityGroup,
    TicketChannel,
    TicketEventKind,
    TicketStatus,
)
from mpp.queueing.models import Counter, DailySequence, QueueService, Slot, Ticket, TicketEvent

# A second recall within this many seconds is taken as a double press and ignored.
RECALL_DEBOUNCE_SECONDS = 3


def _queue_of(service: Service) -> QueueService:
    try:
        return service.queue
    except QueueService.DoesNotExist as exc:
        raise QueueError(
            _("This service does not take queue tickets. Please ask at the information desk."),
            field="service",
        ) from exc


def next_number(*, mall: Mall, prefix: str, day: date) -> int:
    """The next number of (mall, prefix, day). Must run inside the ticket's transaction."""
    table = DailySequence._meta.db_table
    day_value = connection.ops.adapt_datefield_value(day)
    sql = (
        f"UPDATE {table} SET last_number = last_number + 1 "  # noqa: S608 - table name is ours
        "WHERE mall_id = %s AND prefix = %s AND day = %s RETURNING last_number"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [mall.pk, prefix, day_value])
        row = cursor.fetchone()
        if row is None:
            # First ticket of the day for this prefix: create the row (a concurrent creator
            # makes this a no-op: ON CONFLICT DO NOTHING), then increment it.
            DailySequence.objects.bulk_create(
                [DailySequence(mall=mall, prefix=prefix, day=day, last_number=0)],
                ignore_conflicts=True,
            )
            cursor.execute(sql, [mall.pk, prefix, day_value])
            row = cursor.fetchone()
    return int(row[0])


def _take_walk_in_seat(
    service: Service, queue: QueueService, now: datetime, *, retry: bool = True
) -> Slot:
    """Take a seat for a walk-in in the earliest slot of today that has not ended and still has
    room. Seats kept for bookings are off limits until their release time."""
    day = local_day(service.mall, now)
    ensure_slots(service, queue, day)
    release = timedelta(minutes=queue.booking_release_minutes)
    slots = list(
        Slot.objects.filter(service=service, day=day, ends_at__gt=now).order_by("starts_at")
    )
    if not slots:
        raise FullError(
            _(
                "This service is closed for today. "
                "Please come back on the next working day or book online."
            ),
            field="service",
        )
    for slot in slots:
        released = now >= slot.starts_at - release
        if released:
            room = Q(booked_count__lt=F("capacity") - F("walk_in_count"))
        else:
            room = Q(
                walk_in_count__lt=F("capacity") - Greatest(F("booked_count"), F("booking_reserved"))
            )
        if Slot.objects.filter(room, pk=slot.pk).update(walk_in_count=F("walk_in_count") + 1):
            return slot
    if retry and release_no_shows(mall=service.mall, now=now, service=service):
        return _take_walk_in_seat(service, queue, now, retry=False)
    raise FullError(
        _("All of today's places for this service are taken. Please book online for another day."),
        field="service",
    )


def _event(
    ticket: Ticket,
    kind: str,
    now: datetime,
    *,
    actor: User | None = None,
    counter: Counter | None = None,
    note: str = "",
) -> TicketEvent:
    return TicketEvent.objects.create(
        ticket=ticket,
        mall_id=ticket.mall_id,
        day=ticket.day,
        kind=kind,
        at=now,
        actor=actor,
        counter=counter,
        service_id=ticket.service_id,
        note=note,
    )


#: How long an idempotency key returns the same ticket.
REQUEST_KEY_TTL = timedelta(hours=24)


def known_request_key(request_key: str, *, now: datetime | None = None) -> bool:
    """Whether a retry with this (scoped) key would return an existing ticket."""
    since = now_or(now) - REQUEST_KEY_TTL
    return Ticket.objects.filter(request_key=request_key, issued_at__gte=since).exists()


def issue_ticket(
    *,
    service: Service,
    channel: str = TicketChannel.KIOSK,
    priority: str = PriorityGroup.NONE,
    request_key: str | None = None,
    now: datetime | None = None,
    actor: User | None = None,
    also: Also | None = None,
) -> Ticket:
    """Issue a walk-in ticket for `service`.

    Rules: the service takes walk-ins; when it has a slot capacity the ticket takes a seat
    (walk-ins and bookings share the seats honestly; `FullError` when none is left). The number is
    the next of the service's prefix for the mall's local day. A repeated `request_key`
    returns the ticket issued for it the first time (kiosk double tap, API retry).
    Side effects: a timeline event; a board nudge after commit.
    `also`: a read to run in the same statement where the ticket is issued in one (see
    `Also`); its result is `ticket.also`, which is None when it did not run.
    """
    now = now_or(now)
    if request_key:
        # Keys live 24 hours: an older ticket gives its key up (issue 10.6).
        Ticket.objects.filter(request_key=request_key, issued_at__lt=now - REQUEST_KEY_TTL).update(
            request_key=None
        )
        existing = Ticket.objects.filter(request_key=request_key).first()
        if existing is not None:
            return _same_request(existing, service)
    queue = _queue_of(service)
    if not service.is_active or not queue.walk_in_enabled:
        raise QueueError(
            _("This service does not take walk-in tickets. Please book a time online."),
            field="service",
        )
    if priority not in PriorityGroup.values:
        raise QueueError(_("Unknown priority group."), field="priority")
    mall = service.mall
    if not walk_ins_open(mall, now):
        raise ConflictError(closed_message(mall, now), field="service")
    # Outside the hours only the demo switch lets a walk-in in: there are no slots then (they
    # follow the real hours and calendar), so the ticket takes no seat.
    seated = bool(queue.slot_capacity) and (not demo_switch_on() or is_open(mall, now))
    day = local_day(mall, now)
    if not seated and connection.vendor == "postgresql":
        return _issue_in_one_statement(
            mall=mall,
            service=service,
            prefix=queue.prefix,
            day=day,
            channel=channel,
            priority=priority,
            request_key=request_key,
            now=now,
            actor=actor,
            also=also,
        )
    try:
        with transaction.atomic():
            slot = _take_walk_in_seat(service, queue, now) if seated else None
            ticket = _create_ticket(
                mall=mall,
                service=service,
                prefix=queue.prefix,
                day=day,
                channel=channel,
                priority=priority,
                queued_at=now,
                slot=slot,
                request_key=request_key,
                now=now,
            )
            event = _event(ticket, TicketEventKind.ISSUED, now, actor=actor)
            nudge_board(mall.pk, event.pk, "issued", service=service.pk)
            # A new walk-in ticket has no contact yet (a phone follows later through
            # `follow`, which sends its own message): notify skips its lookup.
            emit(
                TicketIssued(
                    mall_id=mall.pk, ticket_id=ticket.pk, service_id=service.pk, has_contact=False
                )
            )
    except IntegrityError:
        # Only a concurrent request with the same key can collide here (numbers come from
        # the locked sequence row); hand back that request's ticket.
        existing = Ticket.objects.filter(request_key=request_key).first() if request_key else None
        if existing is None:
            raise
        return _same_request(existing, service)
    return ticket


# PostgreSQL, a ticket without a seat (the kiosk's usual case): the next number, the ticket
# and its event in ONE statement (data-modifying CTEs), which is atomic on its own: no BEGIN or
# COMMIT round trip, no ORM compile of two inserts (issue 11: 5 round trips became 1). When
# the day's sequence row does not exist yet the statement inserts nothing and returns no row;
# the row is created and the statement runs again. A seat (slot) needs its conditional update
# in the same transaction and SQLite has no data-modifying CTEs: both take the path above.
_ONE_STATEMENT_SQL: list[str] = []

# A read the caller wants with the ticket, in the same statement (one round trip less): given
# the service day, an SQL expression (a scalar sub-select) and its parameters. It sees the
# database as it was before the ticket (a statement's snapshot). The API reads the counts of
# the wait estimate this way (`queries.new_ticket_counts`).
Also = Callable[[date], tuple[str, list[Any]]]


def _ticket_fields() -> tuple[list[Field], list[Field]]:
    ticket = [f for f in Ticket._meta.concrete_fields if not f.primary_key]
    event = [
        f for f in TicketEvent._meta.concrete_fields if not f.primary_key and f.name != "ticket"
    ]
    return ticket, event


def _one_statement_sql() -> str:
    if not _ONE_STATEMENT_SQL:
        qn = connection.ops.quote_name
        ticket_fields, event_fields = _ticket_fields()
        ticket_values = ", ".join(
            "seq.last_number" if f.name == "number" else "%s" for f in ticket_fields
        )
        _ONE_STATEMENT_SQL.append(
            f"WITH seq AS (UPDATE {qn(DailySequence._meta.db_table)} "  # noqa: S608 - our names
            "SET last_number = last_number + 1 "
            "WHERE mall_id = %s AND prefix = %s AND day = %s RETURNING last_number), "
            f"ticket AS (INSERT INTO {qn(Ticket._meta.db_table)} "
            f"({', '.join(qn(str(f.column)) for f in ticket_fields)}) "
            f"SELECT {ticket_values} FROM seq RETURNING id, number), "
            f"event AS (INSERT INTO {qn(TicketEvent._meta.db_table)} "
            f"({qn('ticket_id')}, {', '.join(qn(str(f.column)) for f in event_fields)}) "
            f"SELECT ticket.id, {', '.join(['%s'] * len(event_fields))} FROM ticket RETURNING id) "
            "SELECT ticket.id, ticket.number, event.id"
        )
    return _ONE_STATEMENT_SQL[0]


def _issue_in_one_statement(
    *,
    mall: Mall,
    service: Service,
    prefix: str,
    day: date,
    channel: str,
    priority: str,
    request_key: str | None,
    now: datetime,
    actor: User | None,
    also: Also | None = None,
) -> Ticket:
    ticket = Ticket(
        mall=mall,
        code=new_code(),
        day=day,
        prefix=prefix,
        number=0,  # from the sequence, in the statement
        service=service,
        channel=channel,
        priority=priority,
        is_priority=bool(priority),
        status=TicketStatus.WAITING,
        queued_at=now,
        issued_at=now,
        request_key=request_key or None,
    )
    event = TicketEvent(
        mall_id=mall.pk, day=day, kind=TicketEventKind.ISSUED, at=now, actor=actor, service=service
    )
    ticket_fields, event_fields = _ticket_fields()
    params: list[Any] = [mall.pk, prefix, connection.ops.adapt_datefield_value(day)]
    params += [
        f.get_db_prep_save(getattr(ticket, f.attname), connection)
        for f in ticket_fields
        if f.name != "number"
    ]
    params += [f.get_db_prep_save(getattr(event, f.attname), connection) for f in event_fields]
    sql = _one_statement_sql()
    if also is not None:
        also_sql, also_params = also(day)
        sql += f", {also_sql}"
        params += also_params
    sql += " FROM ticket, event"
    # Inside a caller's transaction a refused insert (a concurrent request with the same key)
    # must not abort it: a savepoint then. Outside, the statement is its own transaction.
    atomic = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    try:
        with atomic, prepared_cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
            if row is None:  # the first ticket of the day for this prefix
                DailySequence.objects.bulk_create(
                    [DailySequence(mall=mall, prefix=prefix, day=day, last_number=0)],
                    ignore_conflicts=True,
                )
                cursor.execute(sql, params)
                row = cursor.fetchone()
    except IntegrityError:
        existing = Ticket.objects.filter(request_key=request_key).first() if request_key else None
        if existing is None:
            raise
        return _same_request(existing, service)
    ticket.pk, ticket.number, event_id = int(row[0]), int(row[1]), int(row[2])
    ticket.also = row[3] if also is not None else None  # type: ignore[attr-defined]
    ticket._state.adding = False
    ticket._state.db = connection.alias
    nudge_board(mall.pk, event_id, "issued", service=service.pk)
    # After the statement rather than inside a transaction: a new walk-in ticket has no
    # contact, and its only subscriber (notify) returns without touching the database.
    emit(
        TicketIssued(mall_id=mall.pk, ticket_id=ticket.pk, service_id=service.pk, has_contact=False)
    )
    return ticket


def _same_request(existing: Ticket, service: Service) -> Ticket:
    if existing.service_id != service.pk:
        raise ConflictError(
            _("This request key was already used for another service."), field="request_key"
        )
    return existing


def _create_ticket(
    *,
    mall: Mall,
    service: Service,
    prefix: str,
    day: date,
    channel: str,
    priority: str,
    queued_at: datetime,
    slot: Slot | None,
    request_key: str | None,
    now: datetime,
) -> Ticket:
    number = next_number(mall=mall, prefix=prefix, day=day)
    return Ticket.objects.create(
        mall=mall,
        code=new_code(),
        day=day,
        prefix=prefix,
        number=number,
        service=service,
        channel=channel,
        priority=priority,
        is_priority=bool(priority),
        status=TicketStatus.WAITING,
        queued_at=queued_at,
        slot=slot,
        issued_at=now,
        request_key=request_key or None,
    )


# --- Officer actions --------------------------------------------------------------------------


def check_officer(counter: Counter, officer: User) -> None:
    """An officer acts only on the counter they are signed in at."""
    if counter.officer_id != officer.pk:
        raise ForbiddenError(
            _("You are not signed in at this counter. Sign in at the counter first."),
            field="counter",
        )


def _move(ticket: Ticket, to: str) -> None:
    if to not in TICKET_TRANSITIONS[ticket.status]:
        raise ConflictError(
            _("Ticket %(number)s is %(status)s; that action is not possible now.")
            % {"number": ticket.display_number, "status": ticket.get_status_display()},
            field="ticket",
        )


def call_next(
    *, counter: Counter, officer: User, now: datetime | None = None, finish: str = ""
) -> Ticket | None:
    """Call the next ticket to `counter`; None when nobody eligible is waiting.

    Order: priority tickets first (at most MPP_QUEUE_PRIORITY_STREAK in a row while normal
    tickets wait), then by place in line (`queued_at`: issue time for walk-ins, slot start
    for checked-in bookings; kept on transfer). Eligible: waiting tickets of today for the
    services of the counter, not transferred to another counter.
    Idempotent: if the counter's current ticket is still only called, it is returned again
    (a double press never calls two people). A ticket being served is finished first.
    `finish`: the public code of the ticket at the counter, to finish first even if it was
    only called ("Finish & call next", one press of a counter keypad). Named by its code, so
    a repeated press, which names the ticket already finished, does not finish the citizen
    it called: it is ignored when that ticket is no longer at the counter.
    Side effects: timeline events; board and ticket nudges after commit.
    The statements of the common case are in `calls.py` (issue 11: the call path).
    """
    now = now_or(now)
    with transaction.atomic():
        locked = calls.lock_counter_for_call(counter.pk)
        if locked is None:
            raise Counter.DoesNotExist("Counter matching query does not exist.")
        counter, current_id = locked
        check_officer(counter, officer)
        if counter.state != CounterState.OPEN:
            raise ConflictError(_("This counter is paused. Resume it first."), field="counter")
        if finish and current_id is not None:
            done = calls.move_ticket(
                ticket_id=current_id,
                counter=counter,
                sources=_SOURCES[TicketStatus.DONE],
                changes={"status": TicketStatus.DONE, "finished_at": now},
                event=calls.Event(TicketEventKind.FINISHED, actor=officer, counter=counter),
                now=now,
                code=normalise_code(finish),
            )
            if done is not None:
                finished, event_id = done
                _announce(finished, event_id, TicketEventKind.FINISHED)
                _finished(finished, now)
                current_id = None
        streak_limit = setting("MPP_QUEUE_PRIORITY_STREAK", 2)

        line = calls.counter_line(counter.pk)
        event = calls.Event(TicketEventKind.CALLED, actor=officer, counter=counter)

        def claim() -> tuple[Ticket, int] | None:
            return calls.claim_next(
                counter_id=counter.pk,
                mall_id=counter.mall_id,
                day=local_day(counter.mall, now),
                service_ids=line.service_ids,
                depths=line.depths,
                priority_first=counter.priority_streak < streak_limit,
                now=now,
                event=event,
            )

        current = calls.ticket_at_counter(counter.pk) if current_id is not None else None
        claimed = None
        if current is None:
            # The claim refuses while a ticket is at the counter. The lock statement read
            # "free" in the snapshot it started with; if it waited for another press of this
            # counter, that press's ticket shows only to a statement started after it.
            claimed = claim()
            if claimed is None:
                current = calls.ticket_at_counter(counter.pk)
        if current is not None:
            if current.status == TicketStatus.CALLED:
                current.counter = counter
                return current
            _finish(current, officer, counter, now)
            claimed = claim()
        if claimed is None:
            return None
        ticket, event_id = claimed
        ticket.counter = counter
        streak = counter.priority_streak + 1 if ticket.is_priority else 0
        if streak != counter.priority_streak:
            Counter.objects.filter(pk=counter.pk).update(priority_streak=streak)
            counter.priority_streak = streak
        _announce(ticket, event_id, "called")
        emit(
            TicketCalled(
                mall_id=counter.mall_id,
                ticket_id=ticket.pk,
                service_id=ticket.service_id,
                counter_id=counter.pk,
                has_contact=ticket.has_contact,  # type: ignore[attr-defined]
            )
        )
    return ticket


def _ticket_at_counter(ticket: Ticket, officer: User) -> tuple[Ticket, Counter]:
    """Lock the ticket's counter, then the ticket (the one lock order of officer actions);
    check the officer is signed in there. Reads the ticket afresh: the caller's copy may be
    stale. `ticket` needs only its id — or, from the API, its mall and public code (one
    statement finds and locks the counter). The fresh ticket carries `has_contact`."""
    counter, ticket_id = _counter_of(ticket, officer)
    return _fresh_ticket(ticket_id, counter), counter


def _counter_of(ticket: Ticket, officer: User) -> tuple[Counter, int]:
    """The counter `ticket` is at, locked, checked for `officer`, and the ticket's id (see
    `_ticket_at_counter`)."""
    if ticket.pk is not None:
        found = calls.lock_ticket_counter(ticket_id=ticket.pk)
    else:
        found = calls.lock_ticket_counter(mall_id=ticket.mall_id, code=ticket.code)
    if found is None:
        known = (
            Ticket.objects.filter(pk=ticket.pk)
            if ticket.pk is not None
            else Ticket.objects.filter(mall_id=ticket.mall_id, code=ticket.code)
        )
        fresh_ref = known.only("id", "prefix", "number").order_by().first()
        if fresh_ref is None:
            raise NotFoundError(_("There is no ticket with that code."), field="code")
        raise ConflictError(
            _("Ticket %(number)s is not at a counter.") % {"number": fresh_ref.display_number},
            field="ticket",
        )
    counter, ticket_id = found
    check_officer(counter, officer)
    return counter, ticket_id


def _fresh_ticket(ticket_id: int, counter: Counter) -> Ticket:
    """The ticket locked and read afresh; it must still be at `counter` (locked)."""
    fresh = calls.locked_ticket(ticket_id)
    if fresh is None or fresh.counter_id != counter.pk:
        raise ConflictError(_("This ticket has moved to another counter."), field="ticket")
    fresh.counter = counter
    return fresh


def _act(
    ticket: Ticket,
    officer: User,
    *,
    to: str,
    changes: dict[str, Any],
    kind: str,
    now: datetime,
    note: str = "",
) -> tuple[Ticket, bool]:
    """An officer's action that moves the ticket at their counter to `to`, writing `changes`
    (which include the status) and a `kind` event, and nudging the board and the ticket's page
    (named `kind`) after the commit. The counter is locked first (the one lock order); then,
    in the usual case, one statement moves the ticket and writes the event
    (`calls.move_ticket`: no separate lock and read of the ticket). Otherwise the ticket is
    read: already in `to` (a repeated press) it comes back unchanged, nothing written; at
    another counter or in a state that does not allow the move, the error says so.
    Returns the ticket (with `has_contact` and its counter) and whether it moved."""
    counter, ticket_id = _counter_of(ticket, officer)
    moved = calls.move_ticket(
        ticket_id=ticket_id,
        counter=counter,
        sources=_SOURCES[to],
        changes=changes,
        event=calls.Event(kind, actor=officer, counter=counter, note=note),
        now=now,
    )
    if moved is None:
        fresh = _fresh_ticket(ticket_id, counter)
        if fresh.status == to:
            return fresh, False
        # Allowed after all (changed between the two statements by something that does not
        # lock the counter), or refused by `_move_plainly` with the error that says why.
        _move_plainly(
            fresh, officer, counter, to=to, changes=changes, kind=kind, now=now, note=note
        )
        return fresh, True
    fresh, event_id = moved
    fresh.counter = counter
    _announce(fresh, event_id, kind)
    return fresh, True


# The states an officer's move to a state starts from (the key), from TICKET_TRANSITIONS.
_SOURCES = {
    to: tuple(s for s, targets in TICKET_TRANSITIONS.items() if to in targets and s != to)
    for to in TICKET_TRANSITIONS
}


def _announce(ticket: Ticket, event_id: int, kind: str, *, counter: Counter | None = None) -> None:
    """The board and the ticket's page told of `ticket`'s event `event_id` after the commit;
    the board's nudge names the ticket's service and its counter (or `counter`, the one that
    acted, when the ticket has left it)."""
    counter_id = counter.pk if counter is not None else ticket.counter_id
    nudge_board(ticket.mall_id, event_id, kind, service=ticket.service_id, counter=counter_id)
    nudge_ticket(ticket.code, event_id, kind)


def _move_plainly(
    ticket: Ticket,
    officer: User,
    counter: Counter,
    *,
    to: str,
    changes: dict[str, Any],
    kind: str,
    now: datetime,
    note: str = "",
) -> None:
    """Move `ticket` (locked and read, at the locked `counter`) to `to` statement by
    statement: the transition checked (ConflictError when its state does not allow it),
    `changes` written, a `kind` event, the board and the ticket's page nudged."""
    _move(ticket, to)
    for name, value in changes.items():
        setattr(ticket, name, value)
    calls.save_ticket(ticket, *changes)
    event = calls.insert_event(ticket, kind, now, actor=officer, counter=counter, note=note)
    _announce(ticket, event.pk, kind)


def recall_ticket(*, ticket: Ticket, officer: User, now: datetime | None = None) -> Ticket:
    """Call the citizen again (the board repeats the announcement). A second recall within a
    few seconds is ignored as a double press."""
    now = now_or(now)
    with transaction.atomic():
        ticket, counter = _ticket_at_counter(ticket, officer)
        _move(ticket, TicketStatus.CALLED)
        if ticket.called_at and now - ticket.called_at < timedelta(seconds=RECALL_DEBOUNCE_SECONDS):
            return ticket
        ticket.called_at = now
        ticket.call_count += 1
        calls.save_ticket(ticket, "called_at", "call_count")
        event = calls.insert_event(
            ticket, TicketEventKind.RECALLED, now, actor=officer, counter=counter
        )
        _announce(ticket, event.pk, "called")
        emit(
            TicketCalled(
                mall_id=ticket.mall_id,
                ticket_id=ticket.pk,
                service_id=ticket.service_id,
                counter_id=counter.pk,
                has_contact=getattr(ticket, "has_contact", True),
            )
        )
    return ticket


def skip_ticket(
    *, ticket: Ticket, officer: User, now: datetime | None = None, note: str = ""
) -> Ticket:
    """The called citizen did not come: mark the ticket skipped (no-show). Idempotent."""
    now = now_or(now)
    with transaction.atomic():
        # Locks are always taken counter first, then ticket (as call_next does), so two
        # officers' actions can never deadlock.
        ticket, _moved = _act(
            ticket,
            officer,
            to=TicketStatus.SKIPPED,
            changes={"status": TicketStatus.SKIPPED},
            kind=TicketEventKind.SKIPPED,
            now=now,
            note=note,
        )
    return ticket


def start_service(*, ticket: Ticket, officer: User, now: datetime | None = None) -> Ticket:
    """The citizen has arrived at the counter: service starts. Idempotent."""
    now = now_or(now)
    with transaction.atomic():
        ticket, _moved = _act(
            ticket,
            officer,
            to=TicketStatus.SERVING,
            changes={"status": TicketStatus.SERVING, "started_at": now},
            kind=TicketEventKind.STARTED,
            now=now,
        )
    return ticket


def _finish(ticket: Ticket, officer: User, counter: Counter, now: datetime) -> None:
    _move_plainly(
        ticket,
        officer,
        counter,
        to=TicketStatus.DONE,
        changes={"status": TicketStatus.DONE, "finished_at": now},
        kind=TicketEventKind.FINISHED,
        now=now,
    )
    _finished(ticket, now)


def _finished(ticket: Ticket, now: datetime) -> None:
    """The finished service announced to the subscribers, in its transaction."""
    # The citizen was served: subscribers (the feedback app) issue the survey invitation
    # inside this transaction, so the survey exists from the moment the service ends.
    emit(
        TicketFinished(
            mall_id=ticket.mall_id,
            ticket_id=ticket.pk,
            service_id=ticket.service_id,
            ticket_code=ticket.code,
            finished_at=now,
            # Loaded with the lock on the call path; unknown (so looked up) elsewhere.
            has_contact=getattr(ticket, "has_contact", True),
        )
    )


def finish_service(*, ticket: Ticket, officer: User, now: datetime | None = None) -> Ticket:
    """Service is finished. Idempotent: finishing a finished ticket returns it unchanged."""
    now = now_or(now)
    with transaction.atomic():
        ticket, moved = _act(
            ticket,
            officer,
            to=TicketStatus.DONE,
            changes={"status": TicketStatus.DONE, "finished_at": now},
            kind=TicketEventKind.FINISHED,
            now=now,
        )
        if moved:
            _finished(ticket, now)
    return ticket


def transfer_ticket(
    *,
    ticket: Ticket,
    officer: User,
    to_service: Service | None = None,
    to_counter: Counter | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Ticket:
    """Send the citizen on to another service and/or counter, keeping their place in line
    (`queued_at` is unchanged, so they are not sent to the back). The ticket keeps its
    number. With `to_counter`, only that counter may call the ticket next."""
    now = now_or(now)
    if to_service is None and to_counter is None:
        raise QueueError(_("Choose a service or a counter to transfer to."), field="to_service")
    with transaction.atomic():
        ticket, counter = _ticket_at_counter(ticket, officer)
        _move(ticket, TicketStatus.WAITING)
        service = to_service or ticket.service
        if service.mall_id != ticket.mall_id or not service.is_active:
            raise NotFoundError(_("That service does not exist in this mall."), field="to_service")
        if to_counter is not None:
            if to_counter.mall_id != ticket.mall_id:
                raise NotFoundError(
                    _("That counter does not exist in this mall."), field="to_counter"
                )
            if not to_counter.services.filter(pk=service.pk).exists():
                raise QueueError(
                    _("Counter %(n)s does not serve %(service)s.")
                    % {"n": to_counter.number, "service": service.name},
                    field="to_counter",
                )
        elif not Counter.objects.filter(services=service, is_active=True).exists():
            raise QueueError(_("No counter serves that service."), field="to_service")
        ticket.status = TicketStatus.WAITING
        ticket.service = service
        ticket.counter = None
        ticket.target_counter = to_counter
        ticket.called_at = None
        ticket.started_at = None
        ticket.save(
            update_fields=[
                "status",
                "service",
                "counter",
                "target_counter",
                "called_at",
                "started_at",
            ]
        )
        where = f"{service.name}" + (f" · loket {to_counter.number}" if to_counter else "")
        event = _event(
            ticket,
            TicketEventKind.TRANSFERRED,
            now,
            actor=officer,
            counter=counter,
            note=(f"→ {where}. {note}" if note else f"→ {where}"),
        )
        _announce(ticket, event.pk, "transferred", counter=counter)
    return ticket


def requeue_ticket(*, ticket: Ticket, officer: User, now: datetime | None = None) -> Ticket:
    """A skipped citizen turned up after all: back into the line, at the end (they missed
    their turn). Only staff of an agency that serves the ticket's service may do this."""
    now = now_or(now)
    with transaction.atomic():
        fresh = Ticket.objects.select_for_update().get(pk=ticket.pk)
        counter = Counter.objects.filter(officer=officer, services=fresh.service_id).first()
        if counter is None:
            raise ForbiddenError(_("Sign in at a counter that serves this service first."))
        if fresh.status == TicketStatus.WAITING:
            return fresh
        _move(fresh, TicketStatus.WAITING)
        fresh.status = TicketStatus.WAITING
        fresh.counter = None
        fresh.queued_at = now
        fresh.called_at = None
        fresh.save(update_fields=["status", "counter", "queued_at", "called_at"])
        event = _event(fresh, TicketEventKind.REQUEUED, now, actor=officer, counter=counter)
        _announce(fresh, event.pk, "requeued", counter=counter)
    return fresh


def add_note(*, ticket: Ticket, officer: User, text: str, now: datetime | None = None) -> None:
    """Add a note to the ticket's timeline (staff only; never shown to the public)."""
    now = now_or(now)
    text = (text or "").strip()
    if not text:
        raise QueueError(_("Write a note first."), field="note")
    if len(text) > 1000:
        raise QueueError(_("A note can be at most 1000 characters."), field="note")
    counter = Counter.objects.filter(officer=officer).first()
    if counter is None or (
        ticket.counter_id != counter.pk
        and not counter.services.filter(pk=ticket.service_id).exists()
    ):
        raise ForbiddenError(_("Sign in at a counter that serves this ticket first."))
    with transaction.atomic():
        _event(ticket, TicketEventKind.NOTE, now, actor=officer, counter=counter, note=text)


def cancel_ticket(*, ticket: Ticket, now: datetime | None = None) -> Ticket:
    """The citizen gives up a waiting ticket (from the phone page). Frees its seat."""
    now = now_or(now)
    with transaction.atomic():
        fresh = Ticket.objects.select_for_update().get(pk=ticket.pk)
        if fresh.status == TicketStatus.CANCELLED:
            return fresh
        _move(fresh, TicketStatus.CANCELLED)
        fresh.status = TicketStatus.CANCELLED
        fresh.save(update_fields=["status"])
        if fresh.slot_id and fresh.channel != TicketChannel.BOOKING:
            Slot.objects.filter(pk=fresh.slot_id, walk_in_count__gt=0).update(
                walk_in_count=F("walk_in_count") - 1
            )
        event = _event(fresh, TicketEventKind.CANCELLED, now)
        _announce(fresh, event.pk, "cancelled")
    return fresh


__all__ = [
    "add_note",
    "call_next",
    "cancel_ticket",
    "check_officer",
    "finish_service",
    "issue_ticket",
    "next_number",
    "recall_ticket",
    "requeue_ticket",
    "skip_ticket",
    "start_service",
    "transfer_ticket",
]
