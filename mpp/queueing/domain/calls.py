"""The officer's hot statements, in SQL (issue 11: the call path).

An officer's button press (call-next, then finish) is the queue's hottest write after the
kiosk ticket. The profile showed Django compiling these statements in more CPU than the
database spent running them (wide rows, joins, default orderings: ≈ 0.5–1 ms each, a dozen a
call), so the few statements every press pays are written here once, from the models' own
table and column names, and the rows come back through Django's own converters (SQLite returns
dates as text). Everything else stays in the ORM. Each statement keeps what ADR 0004 asks:

- `lock_counter_for_call`: the counter row `FOR UPDATE` (PostgreSQL; on SQLite the IMMEDIATE
  write transaction serialises writers) with the officer, state, streak, the mall's zone and
  whether a ticket is at the counter now — one round trip instead of the lock and a read.
- `claim_next`: the next eligible waiting ticket claimed in ONE `UPDATE … WHERE id = (SELECT …
  ORDER BY … LIMIT 1 FOR UPDATE SKIP LOCKED) AND status = 'waiting' RETURNING …`: the row,
  its lock and the claim without a second round trip; two counters can never claim one ticket
  (the locked sub-select skips rows another counter holds, and the outer condition re-checks
  the status). It also refuses while a ticket is at the counter: the lock statement's own
  snapshot predates the lock, so after waiting for another press of the same counter it
  cannot see that press's ticket; the claim, a later statement, can (call_next then looks).
  The call's event is written by the same statement on PostgreSQL (`_write_with_event`).
- `lock_ticket_counter`: the counter of a ticket (by id, or by the mall and public code the
  API got) locked `FOR UPDATE OF` the counter only, so officer actions keep the one lock
  order: counter first, then ticket.
- `move_ticket`: an officer's action (start, skip, finish) as one `UPDATE` of the ticket, only
  while it is at the locked counter in a state the move is allowed from, with its event's
  INSERT in the same statement on PostgreSQL (a data-modifying CTE; SQLite: a second
  statement). The UPDATE takes the ticket's lock itself, so the usual press needs no
  separate lock and read of the ticket; a repeated press or a refused one reads it
  (`locked_ticket`) to answer.
- `locked_ticket`: the ticket row `FOR UPDATE` with its service's name and whether it has a
  contact (the subscribers then skip the contact read when there is none).
- `insert_event`: the timeline row of an officer's action (`INSERT … RETURNING id`), and
  `save_ticket`: the changed fields of the locked ticket (`save(update_fields=…)` without
  the ORM's compile), for the actions not written by the two above.
- `line_of_counter`: the first tickets a counter may call (the same eligibility and order as
  `claim_next`, from the same fragment), as (id, has a contact, notify_ahead): the "your turn
  is near" check reads only these three columns at every call.

On PostgreSQL the claim and the line do not sort the counter's whole waiting line (its
services' waiting tickets together: hundreds on a busy day, read and sorted at every press;
issue 11). Each service's line is already in order in `ticket_queue_idx` (mall, day, status,
service, is_priority, queued_at, id: to the tie-break, so no plan needs a sort whatever the
statistics say), so they read the first few tickets of each service and each priority class
(a LATERAL join over the counter's services, one short index range each) and merge those.
Only the services with someone waiting are read: each one's WaitingTally row, looked up by its
unique key one service at a time (a LATERAL with LIMIT 1, so the planner cannot turn it into a
join that reads every service's row of the mall's day when its statistics, like each
morning's, expect one row there).
For the line that is exact: the first N of the merged line are among the first N of each
service. For the claim, the first few of a service may be locked by other counters
claiming at the same moment, so each service gives as many candidates as counters serve it
plus one (`CounterLine.depths`): at most one claim per counter is under way (the counter's row
lock), so an unlocked candidate of every service with waiting tickets is always among them.
Should every candidate still be locked (a citizen cancelling at that instant), the claim falls
back, in the same statement, to the full sorted line.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Model

from mpp.catalog.models import Service
from mpp.core.caching import TTLCache
from mpp.core.db import prepared_cursor
from mpp.core.models import Mall
from mpp.queueing.enums import AT_COUNTER, TicketStatus
from mpp.queueing.models import (
    Counter,
    QueueService,
    Ticket,
    TicketContact,
    TicketEvent,
    WaitingTally,
)

_T = Ticket._meta.db_table
_C = Counter._meta.db_table
_M = Mall._meta.db_table
_S = Service._meta.db_table
_Q = QueueService._meta.db_table
_TC = TicketContact._meta.db_table
_E = TicketEvent._meta.db_table
_W = WaitingTally._meta.db_table
_TICKET_FIELDS = tuple(Ticket._meta.concrete_fields)
_TICKET_ATTNAMES = tuple(f.attname for f in _TICKET_FIELDS)
_TICKET_COLUMNS = ", ".join(f"{_T}.{f.column}" for f in _TICKET_FIELDS)
# The service's name (the answer names it) and whether a contact exists (the subscribers
# read the contact only then), as scalar sub-selects: RETURNING may not name joined tables
# on SQLite.
_TICKET_EXTRAS = (
    f"(SELECT name FROM {_S} WHERE {_S}.id = {_T}.service_id) AS service_name, "  # noqa: S608
    f"EXISTS (SELECT 1 FROM {_TC} WHERE {_TC}.ticket_id = {_T}.id) AS has_contact"
)
_AT_COUNTER = ", ".join(f"'{s.value}'" for s in AT_COUNTER)


def _lock(of: str = "", *, skip_locked: bool = False) -> str:
    if not connection.features.has_select_for_update:
        return ""  # SQLite: the IMMEDIATE write transaction serialises writers
    clause = " FOR UPDATE"
    if of and connection.features.has_select_for_update_of:
        clause += f" OF {of}"
    if skip_locked:
        clause += " SKIP LOCKED"
    return clause


def _converted(model: type[Model], attnames: tuple[str, ...], row: tuple[Any, ...]) -> list[Any]:
    """`row` as the ORM would have read it (SQLite hands back dates, times and booleans raw)."""
    if connection.vendor != "sqlite":
        return list(row)
    fields = {f.attname: f for f in model._meta.concrete_fields}
    values = []
    for name, value in zip(attnames, row, strict=True):
        col = fields[name].get_col(model._meta.db_table)
        converted = value
        for convert in connection.ops.get_db_converters(col) + col.get_db_converters(connection):
            converted = convert(converted, col, connection)
        values.append(converted)
    return values


def _partial(model: type[Model], **values: Any) -> Any:
    """An instance with only these fields loaded (the others are read on first use).
    `Model.from_db` takes the values in the model's field order, hence the sorting."""
    names = tuple(f.attname for f in model._meta.concrete_fields if f.attname in values)
    return model.from_db(connection.alias, names, [values[name] for name in names])


def _ticket(row: tuple[Any, ...]) -> Ticket:
    """A Ticket from `_TICKET_COLUMNS, _TICKET_EXTRAS`: its service carries id, name and mall
    (anything else of the service is read on first use), `has_contact` is set."""
    n = len(_TICKET_ATTNAMES)
    ticket: Ticket = Ticket.from_db(
        connection.alias, _TICKET_ATTNAMES, _converted(Ticket, _TICKET_ATTNAMES, row[:n])
    )
    service_name, has_contact = row[n], row[n + 1]
    ticket.service = _partial(
        Service, id=ticket.service_id, mall_id=ticket.mall_id, name=service_name
    )
    ticket.has_contact = bool(has_contact)  # type: ignore[attr-defined]
    return ticket


def lock_counter_for_call(counter_id: int) -> tuple[Counter, int | None] | None:
    """The counter locked, with its mall's zone, and the id of the ticket at it (None when
    free); None when there is no such counter."""
    sql = (
        f"SELECT c.id, c.mall_id, c.number, c.state, c.officer_id, c.priority_streak, "  # noqa: S608 - our table names
        f"m.timezone, (SELECT t.id FROM {_T} t WHERE t.counter_id = c.id "
        f"AND t.status IN ({_AT_COUNTER})) "
        f"FROM {_C} c INNER JOIN {_M} m ON m.id = c.mall_id WHERE c.id = %s{_lock('c')}"
    )
    with prepared_cursor() as cursor:
        cursor.execute(sql, [counter_id])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, mall_id, number, state, officer_id, streak, zone, current_id = row
    counter: Counter = _partial(
        Counter,
        id=pk,
        mall_id=mall_id,
        number=number,
        state=state,
        officer_id=officer_id,
        priority_streak=streak,
    )
    counter.mall = _partial(Mall, id=mall_id, timezone=zone)
    return counter, current_id


@dataclass(frozen=True)
class CounterLine:
    """What a counter's line is made of: its services, for each how many counters serve it
    (the claim's candidates per service, less one), and the largest `notify_ahead` among
    them (how far down the line "your turn is near" looks)."""

    service_ids: list[int]
    depths: list[int]
    notify_ahead: int


# An administrator's change to a counter's services reaches the call path within this many
# seconds; the call path should not pay a query for it at every press.
_LINE_TTL = 5.0
_lines = TTLCache(_LINE_TTL)


def counter_line(counter_id: int) -> CounterLine:
    """The counter's `CounterLine`, cached in the process for a few seconds."""
    hit = _lines.get(counter_id)
    if hit is not None:
        return hit
    through = Counter.services.through._meta.db_table
    sql = (
        f"SELECT cs.service_id, (SELECT COUNT(*) FROM {through} x "  # noqa: S608 - our names
        f"WHERE x.service_id = cs.service_id), (SELECT q.notify_ahead FROM {_Q} q "
        f"WHERE q.service_id = cs.service_id) FROM {through} cs WHERE cs.counter_id = %s "
        f"ORDER BY cs.service_id"
    )
    with prepared_cursor() as cursor:
        cursor.execute(sql, [counter_id])
        rows = cursor.fetchall()
    line = CounterLine(
        service_ids=[int(sid) for sid, _n, _a in rows],
        depths=[int(n) for _sid, n, _a in rows],
        notify_ahead=max((int(a or 0) for _sid, _n, a in rows), default=0),
    )
    _lines.set(counter_id, line)
    return line


def _eligible(
    counter_id: int, mall_id: int, day: date, service_ids: list[int], alias: str = _T
) -> tuple[str, list[Any]]:
    """The WHERE of the tickets a counter may call (call_next's rule): today's waiting tickets
    of its services, not sent to another counter."""
    marks = ", ".join(["%s"] * len(service_ids))
    where = (
        f"{alias}.mall_id = %s AND {alias}.day = %s AND {alias}.status = %s "
        f"AND {alias}.service_id IN ({marks}) "
        f"AND ({alias}.target_counter_id IS NULL OR {alias}.target_counter_id = %s)"
    )
    params = [
        mall_id,
        connection.ops.adapt_datefield_value(day),
        TicketStatus.WAITING.value,
        *service_ids,
        counter_id,
    ]
    return where, params


def _order(priority_first: bool, alias: str = _T) -> str:
    return (
        f"{alias}.is_priority {'DESC' if priority_first else 'ASC'}, {alias}.queued_at ASC, "
        f"{alias}.id ASC"
    )


def _heads(
    counter_id: int, mall_id: int, day: date, service_ids: list[int], depths: list[int]
) -> tuple[str, list[Any]]:
    """PostgreSQL: a FROM item `heads (id, is_priority, queued_at)`: the first `depth` waiting
    tickets the counter may call of each service and each priority class, each read from
    ticket_queue_idx in order (see the module docstring)."""

    def side(priority: str, waiting: str) -> str:
        return (
            f"(SELECT w.id, w.is_priority, w.queued_at FROM {_T} w "  # noqa: S608 - our names
            f"WHERE {waiting} > 0 AND w.mall_id = %s AND w.day = %s AND w.status = %s "
            f"AND w.service_id = s.sid AND {priority}w.is_priority "
            f"AND (w.target_counter_id IS NULL OR w.target_counter_id = %s) "
            f"ORDER BY w.queued_at, w.id LIMIT s.depth)"
        )

    # Only the services with someone waiting, and a priority class only when a priority ticket
    # waits (WaitingTally, kept with the tickets by triggers: the same snapshot as the line).
    # Most services of a counter have nobody waiting at a given moment, and priority tickets
    # are few: each skipped probe is an index descent saved.
    both = (
        f"{side('', 'tally.priority_waiting')} UNION ALL "
        f"{side('NOT ', 'tally.waiting - tally.priority_waiting')}"
    )
    # Each service's tally row by the whole unique key, one service at a time: the LIMIT keeps
    # PostgreSQL from turning the lookup into a join, which it would start from the tally (and
    # read every service's row of the mall's day) whenever its statistics, like every
    # morning's, expect that day to hold one row.
    sql = (
        "(SELECT h.* FROM unnest(%s::bigint[], %s::int[]) AS s(sid, depth) "  # noqa: S608
        f"CROSS JOIN LATERAL (SELECT t.waiting, t.priority_waiting FROM {_W} t "
        f"WHERE t.mall_id = %s AND t.day = %s AND t.service_id = s.sid AND t.waiting > 0 "
        f"LIMIT 1) AS tally "
        f"CROSS JOIN LATERAL ({both}) AS h) AS heads"
    )
    key = [mall_id, connection.ops.adapt_datefield_value(day)]
    one = [*key, TicketStatus.WAITING.value, counter_id]
    return sql, [list(service_ids), list(depths), *key, *one, *one]


def claim_next(
    *,
    counter_id: int,
    mall_id: int,
    day: date,
    service_ids: list[int],
    priority_first: bool,
    now: datetime,
    event: Event,
    depths: list[int] | None = None,
) -> tuple[Ticket, int] | None:
    """Claim the next ticket for the counter (see the module docstring) and write its
    `event`; the ticket and the event's id, or None when nobody eligible is waiting (or every
    candidate is being claimed by another counter right now), or when a ticket is at the
    counter. `depths`: per service, the candidates to read on PostgreSQL
    (`CounterLine.depths`; without them the full line is sorted)."""
    if not service_ids:
        return None
    where, params = _eligible(counter_id, mall_id, day, service_ids)
    order = _order(priority_first)
    head = ""
    head_params: list[Any] = []
    pick = (
        f"(SELECT {_T}.id FROM {_T} WHERE {where} "  # noqa: S608 - our table names
        f"ORDER BY {order} LIMIT 1{_lock(skip_locked=True)})"
    )
    pick_params = params
    if depths is not None and connection.vendor == "postgresql":
        heads, head_params = _heads(counter_id, mall_id, day, service_ids, [n + 1 for n in depths])
        head = f"candidates AS (SELECT ARRAY(SELECT heads.id FROM {heads}) AS ids)"  # noqa: S608
        # The candidates' rows by id, re-checked (FOR UPDATE re-reads a row changed since the
        # statement began, and re-applies these conditions to it). One table, by primary key:
        # FOR UPDATE over a join would re-run the join for every row changed meanwhile, and
        # conditions on the day's line would let the planner walk the whole line when its
        # statistics still show the morning's empty day. The full line is sorted only when
        # there are candidates but every one is locked.
        pick = (
            f"COALESCE((SELECT c.id FROM {_T} c "  # noqa: S608 - our table names
            f"WHERE c.id = ANY((SELECT ids FROM candidates)::bigint[]) AND c.status = %s "
            f"AND c.service_id = ANY(%s::bigint[]) "
            f"AND (c.target_counter_id IS NULL OR c.target_counter_id = %s) "
            f"ORDER BY {_order(priority_first, 'c')} LIMIT 1{_lock(skip_locked=True)}), "
            f"(SELECT {_T}.id FROM {_T} WHERE {where} "
            f"AND cardinality((SELECT ids FROM candidates)) > 0 "
            f"ORDER BY {order} LIMIT 1{_lock(skip_locked=True)}))"
        )
        pick_params = [
            TicketStatus.WAITING.value,
            list(service_ids),
            counter_id,
            *params,
        ]
    update = (
        f"UPDATE {_T} SET status = %s, counter_id = %s, target_counter_id = NULL, "  # noqa: S608 - our table names
        f"called_at = %s, started_at = NULL, call_count = call_count + 1 "
        f"WHERE {_T}.id = {pick} "
        f"AND {_T}.status = %s AND NOT EXISTS (SELECT 1 FROM {_T} AS here "
        f"WHERE here.counter_id = %s AND here.status IN ({_AT_COUNTER})) "
        f"RETURNING {_TICKET_COLUMNS}, {_TICKET_EXTRAS}"
    )
    values = [
        TicketStatus.CALLED.value,
        counter_id,
        connection.ops.adapt_datetimefield_value(now),
        *pick_params,
        TicketStatus.WAITING.value,
        counter_id,
    ]
    return _write_with_event(update, values, event, now, before=(head, head_params))


@dataclass(frozen=True)
class Event:
    """The timeline row an officer's action writes with the ticket's change."""

    kind: str
    actor: Any = None
    counter: Counter | None = None
    note: str = ""


# The event's columns taken from the ticket row the same statement wrote; the others are
# parameters.
_EVENT_FROM_TICKET = {"ticket": "id", "mall": "mall_id", "day": "day", "service": "service_id"}


@functools.cache
def _event_from(source: str) -> str:
    """PostgreSQL: the INSERT of an event for the ticket row of the CTE `source`. Parameters
    bound on the server have no type in a SELECT list: each is cast to its column's type.
    Built once per process (only PostgreSQL's path runs it, and the casts never change)."""
    values = ", ".join(
        f"{source}.{_EVENT_FROM_TICKET[f.name]}"
        if f.name in _EVENT_FROM_TICKET
        else f"CAST(%s AS {f.cast_db_type(connection)})"
        for f in _EVENT_FIELDS
    )
    return (
        f"INSERT INTO {_E} ({', '.join(str(f.column) for f in _EVENT_FIELDS)}) "  # noqa: S608 - our names
        f"SELECT {values} FROM {source} RETURNING id"
    )


def _event_params(event: Event, now: datetime) -> list[Any]:
    row = TicketEvent(
        kind=event.kind,
        at=now,
        actor_id=getattr(event.actor, "pk", None),
        counter_id=getattr(event.counter, "pk", None),
        note=event.note,
    )
    return [
        f.get_db_prep_save(getattr(row, f.attname), connection)
        for f in _EVENT_FIELDS
        if f.name not in _EVENT_FROM_TICKET
    ]


def _write_with_event(
    update: str,
    params: list[Any],
    event: Event,
    now: datetime,
    *,
    before: tuple[str, list[Any]] = ("", []),
) -> tuple[Ticket, int] | None:
    """Run `update` (an UPDATE of at most one ticket, `RETURNING _TICKET_COLUMNS,
    _TICKET_EXTRAS`) and write `event` for the ticket it returns: on PostgreSQL in the same
    statement (the update a data-modifying CTE the event's INSERT reads; `before`: CTEs the
    update refers to, with their parameters), on SQLite as a second statement. The ticket
    and the event's id; None (nothing written) when the update changed no row."""
    if connection.vendor != "postgresql":
        ticket = _fetch_ticket(update, params)
        if ticket is None:
            return None
        return ticket, insert_event(
            ticket,
            event.kind,
            now,
            actor=event.actor,
            counter=event.counter,
            note=event.note,
        ).pk
    ctes, cte_params = before
    sql = (
        f"WITH {ctes + ', ' if ctes else ''}moved AS ({update}), "  # noqa: S608 - our names
        f"event AS ({_event_from('moved')}) SELECT moved.*, event.id FROM moved, event"
    )
    with prepared_cursor() as cursor:
        cursor.execute(sql, [*cte_params, *params, *_event_params(event, now)])
        row = cursor.fetchone()
    if row is None:
        return None
    return _ticket(row[:-1]), int(row[-1])


def move_ticket(
    *,
    ticket_id: int,
    counter: Counter,
    sources: tuple[str, ...],
    changes: dict[str, Any],
    event: Event,
    now: datetime,
    code: str = "",
) -> tuple[Ticket, int] | None:
    """An officer's action on the ticket at `counter` (whose row the caller locked): the
    ticket's `changes` (field name -> value) written only while it is still at this counter
    in one of the `sources` states (and, given a `code`, only if it is the ticket with that
    public code), and its `event` (see `_write_with_event`: one statement on PostgreSQL).
    Without the ticket's lock and read of before (the UPDATE locks and re-checks the row).
    The moved ticket and the event's id; None, with nothing written, when the ticket is
    elsewhere, in another state or not the one named (the caller reads it and explains)."""
    fields = [Ticket._meta.get_field(name) for name in changes]
    sets = ", ".join(f"{f.column} = %s" for f in fields)  # type: ignore[union-attr]
    marks = ", ".join(["%s"] * len(sources))
    named = f" AND {_T}.code = %s" if code else ""
    update = (
        f"UPDATE {_T} SET {sets} WHERE {_T}.id = %s AND {_T}.counter_id = %s "  # noqa: S608 - our names
        f"AND {_T}.status IN ({marks}){named} RETURNING {_TICKET_COLUMNS}, {_TICKET_EXTRAS}"
    )
    values = [
        f.get_db_prep_save(value, connection)  # type: ignore[union-attr]
        for f, value in zip(fields, changes.values(), strict=True)
    ]
    params = [*values, ticket_id, counter.pk, *sources, *([code] if code else [])]
    return _write_with_event(update, params, event, now)


def _fetch_ticket(sql: str, params: list[Any]) -> Ticket | None:
    """The one ticket row `sql` returns (`_TICKET_COLUMNS, _TICKET_EXTRAS`), or None."""
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else _ticket(row)


def _ticket_where(where: str) -> str:
    return f"SELECT {_TICKET_COLUMNS}, {_TICKET_EXTRAS} FROM {_T} WHERE {where}"  # noqa: S608


def ticket_at_counter(counter_id: int) -> Ticket | None:
    """The ticket at the counter now (called or being served), with its service's name and
    `has_contact`; None when the counter is free. One row of the partial unique index
    ticket_one_current_per_counter."""
    return _fetch_ticket(
        _ticket_where(f"{_T}.counter_id = %s AND {_T}.status IN ({_AT_COUNTER})"), [counter_id]
    )


def lock_ticket_counter(
    *, ticket_id: int | None = None, mall_id: int | None = None, code: str = ""
) -> tuple[Counter, int] | None:
    """The counter the ticket is at, locked, and the ticket's id; None when the ticket is at no
    counter (or does not exist). By `ticket_id`, or by `mall_id` and public `code`."""
    params: list[Any]
    if ticket_id is not None:
        match, params = "t.id = %s", [ticket_id]
    else:
        match, params = "t.mall_id = %s AND t.code = %s", [mall_id, code]
    sql = (
        f"SELECT c.id, c.mall_id, c.number, c.state, c.officer_id, t.id "  # noqa: S608 - our table names
        f"FROM {_T} t INNER JOIN {_C} c ON c.id = t.counter_id WHERE {match}{_lock('c')}"
    )
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    pk, mall_id, number, state, officer_id, ticket_id = row
    counter = _partial(
        Counter, id=pk, mall_id=mall_id, number=number, state=state, officer_id=officer_id
    )
    return counter, ticket_id


def locked_ticket(ticket_id: int) -> Ticket | None:
    """The ticket row locked (`FOR UPDATE`), with its service's name and `has_contact`."""
    return _fetch_ticket(_ticket_where(f"{_T}.id = %s{_lock()}"), [ticket_id])


def line_of_counter(
    *, counter_id: int, mall_id: int, day: date, service_ids: list[int], limit: int
) -> list[tuple[int, bool, int | None]]:
    """The first `limit` tickets the counter may call, in call_next's order (priority first):
    (ticket id, has a contact, the service's `notify_ahead` or None without queue settings)."""
    if not service_ids or limit < 1:
        return []
    if connection.vendor == "postgresql":
        heads, params = _heads(counter_id, mall_id, day, service_ids, [limit] * len(service_ids))
        first = (
            f"(SELECT heads.id FROM {heads} ORDER BY {_order(True, 'heads')} "  # noqa: S608
            f"LIMIT %s) AS line INNER JOIN {_T} ON {_T}.id = line.id"
        )
        params = [*params, limit]
    else:
        where, params = _eligible(counter_id, mall_id, day, service_ids)
        first = f"{_T} WHERE {where}"
    sql = (
        f"SELECT {_T}.id, EXISTS (SELECT 1 FROM {_TC} WHERE {_TC}.ticket_id = {_T}.id), "  # noqa: S608 - our table names
        f"(SELECT {_Q}.notify_ahead FROM {_Q} WHERE {_Q}.service_id = {_T}.service_id) "
        f"FROM {first} ORDER BY {_order(True)} LIMIT %s"
    )
    with prepared_cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [(pk, bool(contact), ahead) for pk, contact, ahead in cursor.fetchall()]


# A mall's zone decides its service day; it is set once when the mall is onboarded.
_malls = TTLCache(60.0)


def mall_of(mall_id: int) -> Mall:
    """The mall (id and zone only), cached in the process for a minute."""
    hit = _malls.get(mall_id)
    if hit is None:
        hit = Mall.objects.only("id", "timezone").get(pk=mall_id)
        _malls.set(mall_id, hit)
    return hit


_EVENT_FIELDS = tuple(f for f in TicketEvent._meta.concrete_fields if not f.primary_key)
_EVENT_INSERT = (
    f"INSERT INTO {_E} ({', '.join(str(f.column) for f in _EVENT_FIELDS)}) "  # noqa: S608 - our names
    f"VALUES ({', '.join(['%s'] * len(_EVENT_FIELDS))}) RETURNING id"
)


def insert_event(
    ticket: Ticket,
    kind: str,
    now: datetime,
    *,
    actor: Any = None,
    counter: Counter | None = None,
    note: str = "",
) -> TicketEvent:
    """The timeline row of an officer's action on `ticket` (what `TicketEvent.objects.create`
    writes, without compiling the INSERT at every press). Returns it saved."""
    event = TicketEvent(
        ticket_id=ticket.pk,
        mall_id=ticket.mall_id,
        day=ticket.day,
        kind=kind,
        at=now,
        actor_id=getattr(actor, "pk", None),
        counter_id=getattr(counter, "pk", None),
        service_id=ticket.service_id,
        note=note,
    )
    values = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in _EVENT_FIELDS]
    with prepared_cursor() as cursor:
        cursor.execute(_EVENT_INSERT, values)
        event.pk = cursor.fetchone()[0]
    event._state.adding = False
    event._state.db = connection.alias
    return event


def save_ticket(ticket: Ticket, *names: str) -> None:
    """Write these fields of `ticket` (locked by the caller): `ticket.save(update_fields=…)`
    for the officer's actions, which have no signals, without compiling the UPDATE."""
    fields = [f for f in _TICKET_FIELDS if f.name in names]
    sql = (
        f"UPDATE {_T} SET {', '.join(f'{f.column} = %s' for f in fields)} "  # noqa: S608 - our names
        "WHERE id = %s"
    )
    values = [f.get_db_prep_save(getattr(ticket, f.attname), connection) for f in fields]
    with prepared_cursor() as cursor:
        cursor.execute(sql, [*values, ticket.pk])
