"""Domain events: what happened in one app, for the others to react to.

An app that finishes something emits an event — a frozen dataclass defined here, carrying ids,
never model instances — and other apps subscribe to it in their `AppConfig.ready()`:

    # mpp/feedback/apps.py
    def ready(self):
        from mpp.core import domain_events as ev
        from mpp.feedback.subscribers import invite_after_visit
        ev.subscribe(ev.TicketFinished, invite_after_visit)

    # mpp/queueing/domain/tickets.py, inside finish_service's transaction
    emit(TicketFinished(mall_id=ticket.mall_id, ticket_id=ticket.pk, service_id=...))

Rules:
- Subscribers run synchronously inside the emitter's transaction, in subscription order, so
  what they write (a survey invitation, a notification row, an enqueued task on the database
  backend) commits or rolls back with the change that caused it. A subscriber that talks to
  the outside world (SMS, e-mail, Redis) must not do so here: it enqueues a task or uses
  `transaction.on_commit`.
- A subscriber that raises aborts the emitter's transaction: subscribers validate nothing the
  emitter has not already decided, and keep their own work small.
- Events live in `core` so that emitters and subscribers depend only on `core`, never on each
  other; this keeps the import graph free of cycles (see docs/architecture.md).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

E = TypeVar("E", bound="DomainEvent")
Handler = Callable[[Any], None]

_lock = threading.Lock()
_subscribers: dict[type[DomainEvent], list[Handler]] = {}


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    """Base of every event: the mall it happened in."""

    mall_id: int


# --- Queue and visits -----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class TicketIssued(DomainEvent):
    """A ticket was issued. `has_contact` is False when the ticket was just created without a
    phone (a kiosk walk-in): subscribers that only message a contact skip the database."""

    ticket_id: int
    service_id: int
    has_contact: bool = True


@dataclass(frozen=True, kw_only=True)
class TicketFollowed(DomainEvent):
    """A citizen gave a phone number to follow a ticket (kiosk, ticket page or check-in):
    the "your number" message is due. `at` is the moment the domain function used."""

    ticket_id: int
    at: datetime


@dataclass(frozen=True, kw_only=True)
class TicketCalled(DomainEvent):
    """A ticket was called (or recalled) to a counter. Others in the queue moved up.
    `has_contact` is False when the emitter knows the called ticket has no phone to message:
    subscribers skip reading it."""

    ticket_id: int
    service_id: int
    counter_id: int
    has_contact: bool = True


@dataclass(frozen=True, kw_only=True)
class TicketFinished(DomainEvent):
    """The citizen was served (not a no-show): the moment to invite them to the survey.
    `ticket_code` and `finished_at` let subscribers act without reading the queue's tables;
    `has_contact` is False when the emitter knows the ticket has no contact to message."""

    ticket_id: int
    service_id: int
    ticket_code: str
    finished_at: datetime
    has_contact: bool = True


@dataclass(frozen=True, kw_only=True)
class TicketSkipped(DomainEvent):
    """A called ticket was marked as a no-show or skipped."""

    ticket_id: int
    service_id: int


@dataclass(frozen=True, kw_only=True)
class BookingCreated(DomainEvent):
    booking_id: int


@dataclass(frozen=True, kw_only=True)
class BookingRescheduled(DomainEvent):
    booking_id: int


@dataclass(frozen=True, kw_only=True)
class BookingCancelled(DomainEvent):
    booking_id: int


# --- Online applications --------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ApplicationStateChanged(DomainEvent):
    """Every transition of an application, including submission and closing. `service_id` and
    `tracking_code` ("" before submission) let subscribers act without reading its tables."""

    application_id: int
    from_state: str
    to_state: str
    service_id: int
    tracking_code: str


# --- Complaints and survey ------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ComplaintStateChanged(DomainEvent):
    """Every transition of a complaint (verified, answered, waiting for the reporter, closed)."""

    complaint_id: int
    from_state: str
    to_state: str


@dataclass(frozen=True, kw_only=True)
class SurveyAnswered(DomainEvent):
    response_id: int


# --- Bus ------------------------------------------------------------------------------------


def subscribe(event_type: type[E], handler: Callable[[E], None]) -> None:
    """Call `handler(event)` for every emitted event of `event_type` (or a subclass).

    Subscribing the same handler twice has no effect (AppConfig.ready may run twice in tests).
    """
    with _lock:
        handlers = _subscribers.setdefault(event_type, [])
        if handler not in handlers:
            handlers.append(handler)


def unsubscribe(event_type: type[E], handler: Callable[[E], None]) -> None:
    with _lock:
        handlers = _subscribers.get(event_type, [])
        if handler in handlers:
            handlers.remove(handler)


def emit(event: DomainEvent) -> None:
    """Run every subscriber of the event's type (and of its base types) now, in order.

    Call it inside the domain function's transaction, after the change is written.
    """
    with _lock:
        handlers = [
            handler
            for event_type in type(event).__mro__
            if isinstance(event_type, type) and issubclass(event_type, DomainEvent)
            for handler in _subscribers.get(event_type, ())
        ]
    for handler in handlers:
        handler(event)
