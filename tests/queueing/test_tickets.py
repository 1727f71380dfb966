"""Issuing and calling tickets through the domain functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mpp.queueing import domain
from mpp.queueing.enums import TicketEventKind, TicketStatus
from mpp.queueing.models import Ticket

MONDAY_0800_WIB = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


def test_issue_ticket_numbers_per_prefix_restart_each_local_day(hall):
    first = domain.issue_ticket(service=hall.ktp, now=MONDAY_0800_WIB)
    second = domain.issue_ticket(service=hall.kk, now=MONDAY_0800_WIB)  # same prefix A
    other = domain.issue_ticket(service=hall.akta, now=MONDAY_0800_WIB)  # prefix B
    # 07:30 WIB next day is 00:30 UTC: a UTC date would not have flipped yet at 23:30 UTC.
    next_day = domain.issue_ticket(service=hall.ktp, now=MONDAY_0800_WIB + timedelta(hours=23))

    assert [first.display_number, second.display_number, other.display_number] == [
        "A-001",
        "A-002",
        "B-001",
    ]
    assert next_day.display_number == "A-001"
    assert next_day.day == first.day + timedelta(days=1)


def test_issue_ticket_local_midnight_boundary(hall):
    before = domain.issue_ticket(service=hall.ktp, now=datetime(2026, 11, 30, 16, 59, tzinfo=UTC))
    after = domain.issue_ticket(service=hall.ktp, now=datetime(2026, 11, 30, 17, 0, tzinfo=UTC))

    assert (str(before.day), before.number) == ("2026-11-30", 1)
    assert (str(after.day), after.number) == ("2026-12-01", 1)


def test_issue_ticket_code_is_random_and_unambiguous(hall):
    codes = {domain.issue_ticket(service=hall.ktp).code for _ in range(20)}

    assert len(codes) == 20
    assert all(len(c) == 8 and not set(c) & set("01OIL") for c in codes)


def test_issue_ticket_same_request_key_returns_same_ticket(hall):
    first = domain.issue_ticket(service=hall.ktp, request_key="tap-1")
    again = domain.issue_ticket(service=hall.ktp, request_key="tap-1")

    assert again.pk == first.pk
    assert Ticket.objects.count() == 1


def test_issue_ticket_refused_when_walk_ins_disabled(hall):
    hall.ktp.queue.walk_in_enabled = False
    hall.ktp.queue.save()

    with pytest.raises(domain.QueueError):
        domain.issue_ticket(service=hall.ktp)


def test_call_next_takes_oldest_and_records_timeline(hall):
    counter, officer = hall.counters[0], hall.officers[0]
    a1 = domain.issue_ticket(service=hall.ktp, now=MONDAY_0800_WIB)
    domain.issue_ticket(service=hall.ktp, now=MONDAY_0800_WIB + timedelta(minutes=1))

    called = domain.call_next(
        counter=counter, officer=officer, now=MONDAY_0800_WIB + timedelta(minutes=2)
    )

    assert called.pk == a1.pk
    assert called.status == TicketStatus.CALLED
    assert list(called.events.values_list("kind", flat=True)) == [
        TicketEventKind.ISSUED,
        TicketEventKind.CALLED,
    ]


def test_call_next_twice_returns_same_called_ticket(hall):
    counter, officer = hall.counters[0], hall.officers[0]
    now = MONDAY_0800_WIB
    domain.issue_ticket(service=hall.ktp, now=now)
    domain.issue_ticket(service=hall.ktp, now=now)

    first = domain.call_next(counter=counter, officer=officer, now=now)
    again = domain.call_next(counter=counter, officer=officer, now=now)

    assert again.pk == first.pk
    assert Ticket.objects.filter(status=TicketStatus.CALLED).count() == 1


def test_call_next_finishes_ticket_being_served(hall):
    counter, officer = hall.counters[0], hall.officers[0]
    now = MONDAY_0800_WIB
    a1 = domain.issue_ticket(service=hall.ktp, now=now)
    a2 = domain.issue_ticket(service=hall.ktp, now=now)
    domain.call_next(counter=counter, officer=officer, now=now)
    domain.start_service(ticket=a1, officer=officer, now=now)

    called = domain.call_next(counter=counter, officer=officer, now=now)

    a1.refresh_from_db()
    assert (called.pk, a1.status) == (a2.pk, TicketStatus.DONE)


def test_call_next_none_when_nobody_waits(hall):
    assert domain.call_next(counter=hall.counters[0], officer=hall.officers[0]) is None


def test_officer_acts_only_on_own_counter(hall):
    ticket = domain.issue_ticket(service=hall.ktp)
    domain.call_next(counter=hall.counters[0], officer=hall.officers[0])

    with pytest.raises(domain.ForbiddenError):
        domain.call_next(counter=hall.counters[0], officer=hall.officers[1])
    with pytest.raises(domain.ForbiddenError):
        domain.finish_service(ticket=ticket, officer=hall.officers[1])


def test_paused_counter_cannot_call(hall):
    counter, officer = hall.counters[0], hall.officers[0]
    domain.set_counter_state(counter=counter, officer=officer, state="paused")
    domain.issue_ticket(service=hall.ktp)

    with pytest.raises(domain.ConflictError):
        domain.call_next(counter=counter, officer=officer)


def test_full_lifecycle_start_finish_are_idempotent(hall):
    counter, officer = hall.counters[0], hall.officers[0]
    ticket = domain.issue_ticket(service=hall.ktp)
    domain.call_next(counter=counter, officer=officer)
    domain.start_service(ticket=ticket, officer=officer)
    domain.start_service(ticket=ticket, officer=officer)
    domain.finish_service(ticket=ticket, officer=officer)
    done = domain.finish_service(ticket=ticket, officer=officer)

    assert done.status == TicketStatus.DONE
    assert list(ticket.events.values_list("kind", flat=True)) == [
        "issued",
        "called",
        "started",
        "finished",
    ]


def test_recall_debounces_double_press(hall):
    counter, officer = hall.counters[0], hall.officers[0]
    now = MONDAY_0800_WIB
    ticket = domain.issue_ticket(service=hall.ktp, now=now)
    domain.call_next(counter=counter, officer=officer, now=now)

    domain.recall_ticket(ticket=ticket, officer=officer, now=now + timedelta(seconds=1))
    domain.recall_ticket(ticket=ticket, officer=officer, now=now + timedelta(seconds=30))

    assert list(ticket.events.values_list("kind", flat=True)) == ["issued", "called", "recalled"]


def test_skip_then_requeue_goes_to_end_of_line(hall):
    counter, officer = hall.counters[0], hall.officers[0]
    now = MONDAY_0800_WIB
    a1 = domain.issue_ticket(service=hall.ktp, now=now)
    a2 = domain.issue_ticket(service=hall.ktp, now=now + timedelta(minutes=1))
    domain.call_next(counter=counter, officer=officer, now=now)
    domain.skip_ticket(ticket=a1, officer=officer, now=now + timedelta(minutes=2))
    domain.requeue_ticket(ticket=a1, officer=officer, now=now + timedelta(minutes=3))

    nxt = domain.call_next(counter=counter, officer=officer, now=now + timedelta(minutes=4))

    assert nxt.pk == a2.pk


def test_transfer_keeps_place_in_line_and_targets_counter(hall):
    c1, c2 = hall.counters
    o1, o2 = hall.officers
    now = MONDAY_0800_WIB
    a1 = domain.issue_ticket(service=hall.ktp, now=now)
    b1 = domain.issue_ticket(service=hall.akta, now=now + timedelta(minutes=5))
    domain.call_next(counter=c1, officer=o1, now=now + timedelta(minutes=6))

    moved = domain.transfer_ticket(
        ticket=a1, officer=o1, to_service=hall.akta, to_counter=c2, note="butuh akta"
    )
    # Counter 1 may not call it (it is meant for counter 2); counter 2 gets it before B-001.
    c1_next = domain.call_next(counter=c1, officer=o1, now=now + timedelta(minutes=7))
    domain.skip_ticket(ticket=c1_next, officer=o1)
    c2_next = domain.call_next(counter=c2, officer=o2, now=now + timedelta(minutes=8))

    assert (moved.status, moved.service_id, moved.display_number) == (
        "waiting",
        hall.akta.pk,
        "A-001",
    )
    assert c1_next.pk == b1.pk
    assert c2_next.pk == a1.pk


def test_cancel_waiting_ticket(hall):
    ticket = domain.issue_ticket(service=hall.ktp)

    domain.cancel_ticket(ticket=ticket)

    assert domain.call_next(counter=hall.counters[0], officer=hall.officers[0]) is None


def test_sign_in_requires_membership_and_one_counter_per_officer(hall):
    from tests.queueing.factories import UserFactory

    stranger = UserFactory(username="stranger")
    c1, c2 = hall.counters
    o1 = hall.officers[0]
    domain.sign_out_counter(counter=c2, officer=hall.officers[1])

    with pytest.raises(domain.ForbiddenError):
        domain.sign_in_counter(counter=c1, officer=stranger)
    with pytest.raises(domain.ConflictError):
        domain.sign_in_counter(counter=c1, officer=hall.officers[1])
    domain.sign_in_counter(counter=c2, officer=o1)

    c1.refresh_from_db()
    c2.refresh_from_db()
    assert (c1.officer_id, c2.officer_id) == (None, o1.pk)


def test_an_action_the_state_does_not_allow_is_refused_and_writes_nothing(hall):
    counter, officer = hall.counters[0], hall.officers[0]
    ticket = domain.issue_ticket(service=hall.ktp)
    domain.call_next(counter=counter, officer=officer)
    domain.start_service(ticket=ticket, officer=officer)

    with pytest.raises(domain.ConflictError):
        domain.skip_ticket(ticket=ticket, officer=officer)
    domain.finish_service(ticket=ticket, officer=officer)
    with pytest.raises(domain.ConflictError):
        domain.start_service(ticket=ticket, officer=officer)

    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.DONE
    assert list(ticket.events.values_list("kind", flat=True)) == [
        "issued",
        "called",
        "started",
        "finished",
    ]


def test_skip_is_idempotent_and_its_event_records_who_where_and_why(hall):
    counter, officer = hall.counters[0], hall.officers[0]
    now = MONDAY_0800_WIB
    ticket = domain.issue_ticket(service=hall.ktp, now=now)
    domain.call_next(counter=counter, officer=officer, now=now)

    skipped = domain.skip_ticket(ticket=ticket, officer=officer, now=now, note="tidak hadir")
    again = domain.skip_ticket(ticket=ticket, officer=officer, now=now, note="lagi")

    assert (skipped.status, again.status) == ("skipped", "skipped")
    assert skipped.service.name == hall.ktp.name
    event = ticket.events.get(kind="skipped")
    assert (event.actor_id, event.counter_id, event.service_id, event.mall_id) == (
        officer.pk,
        counter.pk,
        hall.ktp.pk,
        ticket.mall_id,
    )
    assert (event.day, event.at, event.note) == (ticket.day, now, "tidak hadir")
    assert ticket.events.filter(kind="skipped").count() == 1


def test_an_officer_cannot_act_on_a_ticket_at_another_counter(hall):
    c1 = hall.counters[0]
    o1, o2 = hall.officers
    ticket = domain.issue_ticket(service=hall.ktp)
    domain.call_next(counter=c1, officer=o1)

    with pytest.raises(domain.QueueError):
        domain.finish_service(ticket=ticket, officer=o2)

    ticket.refresh_from_db()
    assert (ticket.status, ticket.counter_id) == ("called", c1.pk)
    assert list(ticket.events.values_list("kind", flat=True)) == ["issued", "called"]
