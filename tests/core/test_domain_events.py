"""The domain event bus: subscribers run in the emitter's transaction, in order, once each."""

from __future__ import annotations

import pytest
from django.db import transaction

from mpp.core import domain_events as ev
from mpp.core.models import Mall


@pytest.fixture
def received():
    seen: list[ev.DomainEvent] = []

    def handler(event: ev.DomainEvent) -> None:
        seen.append(event)

    yield seen, handler
    for event_type in (ev.TicketFinished, ev.DomainEvent):
        ev.unsubscribe(event_type, handler)


# Emitting real events also runs the apps' own subscribers, which read the database.
@pytest.mark.django_db
def test_emit_calls_subscribers_of_the_type_and_its_bases(received):
    seen, handler = received
    ev.subscribe(ev.TicketFinished, handler)
    ev.subscribe(ev.DomainEvent, handler)
    event = ev.TicketFinished(mall_id=1, ticket_id=2, service_id=3)

    ev.emit(event)
    ev.emit(ev.BookingCreated(mall_id=1, booking_id=9))

    assert seen == [event, event, ev.BookingCreated(mall_id=1, booking_id=9)]


def test_subscribing_twice_calls_once(received):
    seen, handler = received
    ev.subscribe(ev.TicketFinished, handler)
    ev.subscribe(ev.TicketFinished, handler)

    ev.emit(ev.TicketFinished(mall_id=1, ticket_id=2, service_id=3))

    assert len(seen) == 1


@pytest.mark.django_db(transaction=True)
def test_a_failing_subscriber_rolls_back_the_emitters_change():
    def refuse(event: ev.DomainEvent) -> None:
        raise RuntimeError("subscriber failed")

    ev.subscribe(ev.TicketFinished, refuse)
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            Mall.objects.create(slug="rollback-mall", name="Rollback")
            ev.emit(ev.TicketFinished(mall_id=1, ticket_id=2, service_id=3))
    finally:
        ev.unsubscribe(ev.TicketFinished, refuse)

    assert list(Mall.objects.filter(slug="rollback-mall")) == []
