"""The domain event bus: subscribers run in the emitter's transaction, in order, once each."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import transaction

from mpp.core import domain_events as ev
from mpp.core.models import Mall


@dataclass(frozen=True, kw_only=True)
class Probe(ev.DomainEvent):
    """An event no app subscribes to: the apps' own subscribers read real rows (a finished
    ticket invites to the survey), which these tests of the bus do not create."""

    ticket_id: int


@pytest.fixture
def received():
    seen: list[ev.DomainEvent] = []

    def handler(event: ev.DomainEvent) -> None:
        seen.append(event)

    yield seen, handler
    for event_type in (Probe, ev.DomainEvent):
        ev.unsubscribe(event_type, handler)


@pytest.mark.django_db
def test_emit_calls_subscribers_of_the_type_and_its_bases(received):
    seen, handler = received
    ev.subscribe(Probe, handler)
    ev.subscribe(ev.DomainEvent, handler)
    event = Probe(mall_id=1, ticket_id=2)

    ev.emit(event)
    ev.emit(ev.BookingCreated(mall_id=1, booking_id=9))

    assert seen == [event, event, ev.BookingCreated(mall_id=1, booking_id=9)]


def test_subscribing_twice_calls_once(received):
    seen, handler = received
    ev.subscribe(Probe, handler)
    ev.subscribe(Probe, handler)

    ev.emit(Probe(mall_id=1, ticket_id=2))

    assert len(seen) == 1


@pytest.mark.django_db(transaction=True)
def test_a_failing_subscriber_rolls_back_the_emitters_change():
    def refuse(event: ev.DomainEvent) -> None:
        raise RuntimeError("subscriber failed")

    ev.subscribe(Probe, refuse)
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            Mall.objects.create(slug="rollback-mall", name="Rollback")
            ev.emit(Probe(mall_id=1, ticket_id=2))
    finally:
        ev.unsubscribe(Probe, refuse)

    assert list(Mall.objects.filter(slug="rollback-mall")) == []
